import { readFileSync, readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { memoryStore } from '../cache/blob-store';
import { localCompute } from '../compute/local';
import { tf } from '../tf';
import { smallDataset, smallExperiment, initWasmBackend } from '../testing/fixtures';
import { runExperiment } from './run-experiment';
import { experimentSchema, parseExperiment } from './schema';

beforeAll(initWasmBackend);

describe('experiment runner', () => {
  it('the same config and seeds give identical results twice (margins and metrics)', async () => {
    const dataset = await smallDataset();
    const x = smallExperiment({ methods: [{ id: 'ft', params: {} }, { id: 'ga', params: {} }] });
    const a = await runExperiment(x, { dataset });
    const b = await runExperiment(x, { dataset });
    const strip = (r: typeof a) => JSON.stringify({ ...r, createdAt: '', timings: {}, retrainSeconds: 0, methods: r.methods.map((m) => ({ ...m, cost: { ...m.cost, seconds: 0, relativeToRetrain: 0 } })) });
    expect(strip(a)).toEqual(strip(b));
    expect(a.status).toBe('complete');
    expect(a.methods.map((m) => m.status)).toEqual(['ok', 'ok']);
  });

  it('Do nothing scores a higher forget KLoM than retain KLoM; Retrain lands near the noise floor', async () => {
    const dataset = await smallDataset();
    const x = smallExperiment({
      ensemble: { models: 8 },
      training: { epochs: 12, batchSize: 64, learningRate: 0.005, schedule: 'cosine' },
      methods: [{ id: 'none', params: {} }, { id: 'retrain', params: {} }],
    });
    const r = await runExperiment(x, { dataset });
    const [none, retrain] = r.methods;
    expect(none.evaluation!.klom.forget.summary.mean).toBeGreaterThan(none.evaluation!.klom.retain.summary.mean);
    const floor = r.reference.noiseFloor!.forget.summary.mean;
    expect(retrain.evaluation!.klom.forget.summary.mean).toBeLessThan(none.evaluation!.klom.forget.summary.mean);
    expect(Math.abs(retrain.evaluation!.klom.forget.summary.mean - floor)).toBeLessThan(0.5 * floor + 0.5);
  });

  it('hyperparameters outside bounds fail that method with a clear message; the others still run', async () => {
    const dataset = await smallDataset();
    const r = await runExperiment(smallExperiment({ methods: [{ id: 'ga', params: { learningRate: 50 } }, { id: 'none', params: {} }] }), { dataset });
    expect(r.methods[0].status).toBe('failed');
    expect(r.methods[0].error).toMatch(/Invalid hyperparameters for Gradient ascent/);
    expect(r.methods[1].status).toBe('ok');
  });

  it('a diverging method is flagged, not trusted, and the experiment continues', async () => {
    const dataset = await smallDataset();
    const r = await runExperiment(smallExperiment({ methods: [{ id: 'ga', params: { learningRate: 0.1, epochs: 50 } }, { id: 'none', params: {} }] }), { dataset });
    expect(r.methods[0].status).toBe('diverged');
    expect(r.methods[1].status).toBe('ok');
  });

  it('invalid descriptions and impossible forget sets get specific errors', async () => {
    const dataset = await smallDataset();
    await expect(runExperiment({ ...smallExperiment(), version: 99 }, { dataset })).rejects.toThrow(/Invalid experiment: version/);
    await expect(runExperiment(smallExperiment({ forget: { kind: 'indices', indices: [] } }), { dataset })).rejects.toThrow(/empty/);
    await expect(runExperiment(smallExperiment({ forget: { kind: 'indices', indices: [100000] } }), { dataset })).rejects.toThrow(/outside the train pool/);
  });

  it('a second forget set reuses the cached originals; a corrupt cache entry is rebuilt, not trusted', async () => {
    const dataset = await smallDataset();
    const store = memoryStore();
    const first = await runExperiment(smallExperiment({ evaluation: { retainSample: 60, validationSample: 100, noiseFloor: false } }), { dataset, store });
    const keys = [...store.entries.keys()];
    expect(keys.length).toBe(2); // originals + oracles
    const second = await runExperiment(smallExperiment({ forget: { kind: 'random', count: 10 }, evaluation: { retainSample: 60, validationSample: 100, noiseFloor: false } }), { dataset, store });
    expect(second.timings.originals).toBeLessThan(first.timings.originals);
    expect(second.reference.originals.accuracy.validation).toEqual(first.reference.originals.accuracy.validation);
    // corrupt every entry: the run must still give the same numbers (rebuilt)
    for (const k of store.entries.keys()) store.entries.get(k)![store.entries.get(k)!.length - 3] ^= 0xff;
    const third = await runExperiment(smallExperiment({ evaluation: { retainSample: 60, validationSample: 100, noiseFloor: false } }), { dataset, store });
    expect(third.reference.originals.margins).toEqual(first.reference.originals.margins);
  });

  it('cancelling mid-run keeps what finished and frees every tensor', async () => {
    const dataset = await smallDataset();
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const r = await runExperiment(smallExperiment({ methods: [{ id: 'none', params: {} }, { id: 'retrain', params: {} }, { id: 'ft', params: {} }] }), {
      dataset,
      signal: controller.signal,
      onMethodResult: (m) => m.id === 'none' && controller.abort(),
    });
    expect(r.status).toBe('cancelled');
    expect(r.methods.map((m) => m.id)).toEqual(['none']);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('repeated experiments leak no ensemble and no tensor', async () => {
    const dataset = await smallDataset();
    const compute = localCompute();
    const x = smallExperiment({ methods: [{ id: 'ft', params: {} }, { id: 'scrub', params: {} }, { id: 'om', params: {} }, { id: 'retrain', params: {} }] });
    const alive = async () => JSON.stringify([(await compute.usage()).threads, tf.memory().numTensors]);
    await runExperiment(x, { dataset, compute });
    const before = await alive();
    await runExperiment(x, { dataset, compute });
    await runExperiment(x, { dataset, compute });
    expect(await alive()).toBe(before);
  });

  it('Retrain is the second oracle ensemble: its KLoM against the oracles is exactly the noise floor, at that ensemble’s cost', async () => {
    const dataset = await smallDataset();
    const r = await runExperiment(smallExperiment({ methods: [{ id: 'retrain', params: {} }] }), { dataset });
    const retrain = r.methods[0];
    for (const g of ['forget', 'retain', 'validation'] as const) expect(retrain.evaluation!.klom[g].summary).toEqual(r.reference.noiseFloor![g].summary);
    expect(retrain.outputs!.margins).toEqual(r.reference.secondOracles!.margins);
    expect(retrain.cost.seconds).toBeCloseTo(r.timings['second oracles'], 0);
    expect(r.timings['method:retrain']).toBeLessThan(0.25 * r.timings['second oracles']);
  });

  it('every preset round-trips through the schema unchanged', () => {
    const dir = new URL('../../../public/presets/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'index.json');
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const f of files) {
      const raw = JSON.parse(readFileSync(new URL(f, dir), 'utf8'));
      const parsed = parseExperiment(raw);
      expect(parsed).toEqual(raw);
      expect(experimentSchema.parse(JSON.parse(JSON.stringify(parsed)))).toEqual(parsed);
    }
  });
});

describe('datamodels from a poisoned run', () => {
  it('are handed over under the hash of the poisoned training data, never the clean dataset’s', async () => {
    const dataset = await smallDataset();
    const seen: string[] = [];
    const { attributionProvider } = await import('./attribution-provider');
    await runExperiment(smallExperiment({ forget: { kind: 'mislabeled', count: 20 }, methods: [{ id: 'dm-direct', params: { estimator: 'trak-last-layer' } }] }), {
      dataset,
      attribution: attributionProvider,
      onDatamodels: (_e, _dm, hash) => seen.push(hash),
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]).not.toBe(dataset.hash);
  });
});

describe('predicted oracle logits', () => {
  it('differ for two row sets of equal length and equal endpoints (no cache keyed on those)', async () => {
    const dataset = await smallDataset();
    const { attributionProvider } = await import('./attribution-provider');
    const { prepareExperiment } = await import('./setup');
    const { parseExperiment } = await import('./schema');
    const { trainReferences } = await import('./references');
    const { StageClock } = await import('./stage-clock');
    const compute = localCompute();
    const x = parseExperiment(smallExperiment({ methods: [{ id: 'dm-direct', params: {} }] }));
    const s = await prepareExperiment(x, dataset, compute);
    const refs = await trainReferences(s, { compute, store: memoryStore(), implementation: 'test', clock: new StageClock([]), warn: () => {} });
    const handle = await attributionProvider({ experiment: x, estimator: 'group-newton', warn: () => {}, dataset: s.trainSet, compute, inputs: s.inputs, inputDim: s.inputDim, labels: s.labels, classes: s.classes, originals: refs.originals.ensemble, curvature: refs.curvature, store: memoryStore(), implementation: 'test', onProgress: () => {} });
    const p = await handle.predictedOracle(s.resolution.forget, refs.originals.ensemble);
    const a = await p.predict('train', Int32Array.from([1, 2, 9]));
    const b = await p.predict('train', Int32Array.from([1, 5, 9]));
    expect(a.slice(3 * 0, 3)).toEqual(b.slice(0, 3)); // the shared first row agrees ...
    expect(a).not.toEqual(b); // ... the middle row differs
    p.release?.();
    for (const r of [refs.originals, refs.oracles, refs.second]) r?.ensemble.dispose();
  });
});
