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
import type { DatamodelsSource, HeldDatamodels } from './held-datamodels';

export type { HeldDatamodels } from './held-datamodels';

export interface DatamodelsInfo {
  estimator: string;
  source: DatamodelsSource;
  seconds: number;
  trainSize: number;
  /** Read back from the page's cache (made before a reload). */
  restored: boolean;
  /** Why they could not be saved for the next visit (e.g. a full storage quota); null when saved or not tried. */
  saveProblem: string | null;
}

interface Held {
  dm: Datamodels;
  source: DatamodelsSource;
  datasetHash: string | null;
  /** Mean original logits; from the datamodels' own prediction on the full pool when not given. */
  logits: { train: Float32Array; validation: Float32Array } | null;
  restored: boolean;
  saveProblem: string | null;
}

/** What is saved next to the datamodels' own header. */
interface SavedHeader {
  datamodels: unknown;
  source: DatamodelsSource;
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
  const source: DatamodelsSource = dm.estimator === 'imported' ? 'imported' : originalLogits ? 'computed' : 'experiment';
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

/**
 * The held datamodels as plain arrays, for the page to hand from the worker that made them
 * (the run lane) to the one that previews with them (the interactive lane). Waits for the
 * save first, then lets go of them here (this worker never previews). The arrays are
 * copies, so transferring them cannot detach anything a later run in this worker still
 * reads (the datamodels may share buffers with the run's caches). Null when nothing is held.
 */

export async function releaseHeldDatamodels(): Promise<HeldDatamodels | null> {
  await saving;
  const h = held;
  if (!h) return null;
  held = null;
  const ser = h.dm.serialize();
  const logits = h.logits && { train: h.logits.train.slice(), validation: h.logits.validation.slice() };
  return { header: ser.header, blobs: ser.blobs.map((b) => b.slice()), source: h.source, datasetHash: h.datasetHash, logits, saveProblem: h.saveProblem };
}

/** Takes over datamodels another worker released (already saved there, or said why not). */
export function adoptHeldDatamodels(t: HeldDatamodels): void {
  const dm = deserializeDatamodels({ header: t.header, blobs: t.blobs });
  held = { dm, source: t.source, datasetHash: t.datasetHash, logits: t.logits, restored: false, saveProblem: t.saveProblem };
}

/** Forgets the held datamodels (tests: a fresh worker). */
export function dropHeldDatamodels(): void {
  held = null;
}
