/**
 * The datamodels the instant preview reads: the latest ones made in this page (an
 * experiment run's, computed on demand, or imported), for the dataset they were fit on.
 * Each is also saved in the page's cache by that dataset's hash, so a reload finds them
 * again instead of training for a minute (like the ensembles).
 *
 * An experiment run hands its datamodels over with `rememberDatamodels` (experiment-api.ts,
 * from runExperiment's `onDatamodels`) with the hash of the data they were FIT on: a
 * mislabeled or backdoor run trains on poisoned data, whose datamodels must never serve
 * the clean dataset.
 */
import type { Datamodels } from '../../engine/attribution/types';
import { deserializeDatamodels } from '../../engine/attribution/serialize';
import { decodeArtifact, encodeArtifact, cacheKey } from '../../engine/cache/artifact';
import type { BlobStore } from '../../engine/cache/blob-store';
import type { Dataset } from '../../engine/data/types';

export interface DatamodelsInfo {
  estimator: string;
  source: 'experiment' | 'computed' | 'imported';
  seconds: number;
  trainSize: number;
  /** Read back from the page's cache (made before a reload). */
  restored: boolean;
  /** Why they could not be saved for the next visit (e.g. a full storage quota); null when saved or not tried. */
  saveProblem: string | null;
}

interface Held {
  dm: Datamodels;
  source: DatamodelsInfo['source'];
  datasetHash: string | null;
  /** Mean original logits; from the datamodels' own prediction on the full pool when not given. */
  logits: { train: Float32Array; validation: Float32Array } | null;
  restored: boolean;
  saveProblem: string | null;
}

/** What is saved next to the datamodels' own header. */
interface SavedHeader {
  datamodels: unknown;
  source: DatamodelsInfo['source'];
  blobs: number;
  hasLogits: boolean;
}

let held: Held | null = null;
let store: BlobStore | null = null;
let saving: Promise<void> = Promise.resolve();

/** The cache to save to and restore from (the worker's IndexedDB store; none in tests by default). */
export function setDatamodelsStore(s: BlobStore | null): void {
  store = s;
}

const keyFor = (datasetHash: string) => cacheKey('page-datamodels', { datasetHash });

/** Keeps the latest datamodels for the preview and saves them for the next visit. */
export function rememberDatamodels(dm: Datamodels, originalLogits?: { train: Float32Array; validation: Float32Array }, datasetHash: string | null = null): void {
  const source: DatamodelsInfo['source'] = dm.estimator === 'imported' ? 'imported' : originalLogits ? 'computed' : 'experiment';
  const h: Held = { dm, source, datasetHash, logits: originalLogits ?? null, restored: false, saveProblem: null };
  held = h;
  if (store && datasetHash) saving = save(store, datasetHash, h);
}

async function save(s: BlobStore, datasetHash: string, h: Held): Promise<void> {
  try {
    const ser = h.dm.serialize();
    const arrays = [...ser.blobs, ...(h.logits ? [h.logits.train, h.logits.validation] : [])];
    const header: SavedHeader = { datamodels: ser.header, source: h.source, blobs: ser.blobs.length, hasLogits: h.logits != null };
    await s.set(await keyFor(datasetHash), await encodeArtifact({ header, arrays }));
  } catch (e) {
    h.saveProblem = `not saved for the next visit (${(e as Error).message || 'storage refused'}); they stay until the page is closed.`;
  }
}

/** Waits for the last save (tests; a save never blocks the preview). */
export function datamodelsSaved(): Promise<void> {
  return saving;
}

async function restore(dataset: Dataset): Promise<Held | null> {
  if (!store) return null;
  try {
    const bytes = await store.get(await keyFor(dataset.hash));
    const a = bytes ? await decodeArtifact<SavedHeader>(bytes) : null;
    if (!a) return null;
    const dm = deserializeDatamodels({ header: a.header.datamodels, blobs: a.arrays.slice(0, a.header.blobs) });
    const logits = a.header.hasLogits ? { train: a.arrays[a.header.blobs], validation: a.arrays[a.header.blobs + 1] } : null;
    return { dm, source: a.header.source, datasetHash: dataset.hash, logits, restored: true, saveProblem: null };
  } catch {
    return null; // a damaged or outdated entry is a miss: compute again
  }
}

/** The held datamodels if they fit this dataset, else the ones saved for it before a reload. */
export async function heldFor(dataset: Dataset): Promise<Held | null> {
  if (!fits(held, dataset)) {
    const restored = await restore(dataset);
    if (restored && fits(restored, dataset)) held = restored;
  }
  if (!held || !fits(held, dataset)) return null;
  if (!held.logits) {
    const all = new Uint8Array(held.dm.trainSize).fill(1);
    held.logits = { train: held.dm.predict(all, 'train'), validation: held.dm.predict(all, 'validation') };
  }
  return held;
}

function fits(h: Held | null, dataset: Dataset): h is Held {
  if (!h || h.dm.trainSize !== dataset.train.count || h.dm.validationSize !== dataset.validation.count) return false;
  return !h.datasetHash || h.datasetHash === dataset.hash;
}

export async function datamodelsInfo(dataset: Dataset | null): Promise<DatamodelsInfo | null> {
  const h = dataset ? await heldFor(dataset) : null;
  return h ? { estimator: h.dm.estimator, source: h.source, seconds: h.dm.cost.seconds, trainSize: h.dm.trainSize, restored: h.restored, saveProblem: h.saveProblem } : null;
}

/** Forgets the held datamodels (tests: a fresh worker). */
export function dropHeldDatamodels(): void {
  held = null;
}
