import { beforeEach, describe, expect, test } from 'vitest';
import { DenseDatamodels } from '../../engine/attribution/dense';
import { memoryStore, type BlobStore } from '../../engine/cache/blob-store';
import type { Dataset } from '../../engine/data/types';
import {
  adoptHeldDatamodels, datamodelsInfo, datamodelsSaved, dropHeldDatamodels, heldFor, releaseHeldDatamodels, rememberDatamodels, setDatamodelsStore,
} from './datamodels-holder';

const n = 6;
const v = 2;
const C = 3;
const beta = Float32Array.from({ length: n * (n + v) * C }, (_, i) => Math.sin(i));
const dm = () => new DenseDatamodels({ trainSize: n, validationSize: v, classes: C, estimator: 'trak-last-layer', output: 'logits', cost: { seconds: 12, modelsTrained: 8 }, info: {}, beta, intercept: new Float32Array((n + v) * C) });
const dataset = (hash: string) => ({ hash, train: { count: n }, validation: { count: v } }) as unknown as Dataset;
const logits = { train: new Float32Array(n * C).fill(1), validation: new Float32Array(v * C).fill(2) };

describe('the preview datamodels holder', () => {
  let store: ReturnType<typeof memoryStore>;
  beforeEach(() => {
    store = memoryStore();
    setDatamodelsStore(store);
    dropHeldDatamodels();
  });

  test('computed datamodels come back after a reload (a fresh worker), with the same β and logits', async () => {
    rememberDatamodels(dm(), logits, 'clean');
    await datamodelsSaved();
    expect(store.entries.size).toBe(1);
    dropHeldDatamodels(); // the reload
    const info = await datamodelsInfo(dataset('clean'));
    expect(info).toMatchObject({ estimator: 'trak-last-layer', source: 'computed', seconds: 12, restored: true, saveProblem: null });
    const h = (await heldFor(dataset('clean')))!;
    expect(h.dm.weightsOf('train', 3)).toEqual(dm().weightsOf('train', 3));
    expect(h.logits!.validation).toEqual(logits.validation);
  });

  test('datamodels fit on another (e.g. poisoned) dataset are never served for this one', async () => {
    rememberDatamodels(dm(), logits, 'poisoned');
    await datamodelsSaved();
    expect(await datamodelsInfo(dataset('clean'))).toBeNull();
    dropHeldDatamodels();
    expect(await datamodelsInfo(dataset('clean'))).toBeNull();
  });

  test('a full storage quota is said, and the datamodels still serve this visit', async () => {
    const full: BlobStore = { ...store, set: async () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError')) };
    setDatamodelsStore(full);
    rememberDatamodels(dm(), logits, 'clean');
    await datamodelsSaved();
    const info = await datamodelsInfo(dataset('clean'));
    expect(info?.restored).toBe(false);
    expect(info?.saveProblem).toMatch(/not saved for the next visit \(The quota has been exceeded\.\)/);
  });

  test('a damaged cache entry is a miss', async () => {
    rememberDatamodels(dm(), logits, 'clean');
    await datamodelsSaved();
    for (const k of store.entries.keys()) store.entries.set(k, new Uint8Array([1, 2, 3]));
    dropHeldDatamodels();
    expect(await datamodelsInfo(dataset('clean'))).toBeNull();
  });

  test('released datamodels are saved first, let go of here, and serve the same preview where they are adopted', async () => {
    const made = dm();
    rememberDatamodels(made, logits, 'clean');
    const released = (await releaseHeldDatamodels())!;
    expect(store.entries.size).toBe(1); // the save finished before the hand-over
    setDatamodelsStore(null); // nothing to restore from, so only a held copy could answer
    expect(await datamodelsInfo(dataset('clean'))).toBeNull(); // let go of

    adoptHeldDatamodels(released);
    const h = (await heldFor(dataset('clean')))!;
    expect(h.source).toBe('computed');
    expect(h.dm.weightsOf('train', 3)).toEqual(made.weightsOf('train', 3));
    expect(h.logits!.train).toEqual(logits.train);
    // copies: transferring them detaches nothing the maker still reads
    expect(released.blobs[0].buffer).not.toBe(made.serialize().blobs[0].buffer);
  });

  test('adopted datamodels of a poisoned run are still never served for the clean dataset', async () => {
    rememberDatamodels(dm(), undefined, 'poisoned');
    const released = (await releaseHeldDatamodels())!;
    adoptHeldDatamodels(released);
    expect(await datamodelsInfo(dataset('clean'))).toBeNull();
    expect(await datamodelsInfo(dataset('poisoned'))).toMatchObject({ source: 'experiment' });
  });

  test('releasing with nothing held is null', async () => {
    expect(await releaseHeldDatamodels()).toBeNull();
  });
});
