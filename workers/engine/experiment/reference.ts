import { cacheKey } from '../cache/artifact';
import type { BlobStore } from '../cache/blob-store';
import { loadEnsemble, saveEnsemble } from '../cache/ensemble-cache';
import type { Compute, Ensemble } from '../compute/types';
import type { ModelSpec } from '../models/spec';
import type { ProgressFn } from '../train/progress';
import { anyDiverged, trainEnsemble, type TrainingOptions } from '../train/train-ensemble';
import { deriveSeed } from '../util/rng';

export interface ReferenceEnsembleArgs {
  /** 'originals' | 'oracles' | 'oracles-2': also the seed stream name. */
  role: string;
  stage: string;
  datasetHash: string;
  spec: ModelSpec;
  training: TrainingOptions;
  models: number;
  seed: number;
  inputDim: number;
  labels: Uint8Array;
  classes: number;
  indices: Int32Array;
  /** What the results depend on beyond the recipe: backend and engine (they differ in the last bits). */
  implementation: string;
  compute: Compute;
  store: BlobStore;
  onProgress?: ProgressFn;
  signal?: AbortSignal;
  warn: (message: string) => void;
}

/** Seeds of one ensemble: distinct per role and model, all derived from the experiment seed. */
export function ensembleSeeds(seed: number, role: string, models: number): { seeds: number[]; orderSeed: number } {
  return {
    seeds: Array.from({ length: models }, (_, m) => deriveSeed(seed, role, 'model', m)),
    orderSeed: deriveSeed(seed, role, 'order'),
  };
}

/**
 * Trains an ensemble, or loads it from the cache when the same (dataset, model, training,
 * seeds, training indices, implementation) produced one before. That is what lets a new
 * forget set reuse the originals.
 */
export async function trainOrLoadEnsemble(a: ReferenceEnsembleArgs): Promise<{ ensemble: Ensemble; trainSeconds: number; fromCache: boolean }> {
  const { seeds, orderSeed } = ensembleSeeds(a.seed, a.role, a.models);
  const key = await cacheKey('ensemble', {
    dataset: a.datasetHash,
    spec: a.spec,
    training: a.training,
    seeds,
    orderSeed,
    indices: a.indices,
    implementation: a.implementation,
  });
  const cached = await loadEnsemble(a.store, key, a.compute);
  if (cached) {
    a.onProgress?.({ stage: `${a.stage} (cached)`, done: 1, total: 1, secondsLeft: 0 });
    return { ...cached, fromCache: true };
  }
  const { ensemble, run } = await trainEnsemble(a.compute, {
    spec: a.spec,
    seeds,
    orderSeed,
    inputDim: a.inputDim,
    labels: a.labels,
    classes: a.classes,
    indices: a.indices,
    training: a.training,
    stage: a.stage,
    onProgress: a.onProgress,
    signal: a.signal,
  });
  if (anyDiverged(run)) a.warn(`${a.stage}: training loss became NaN/Inf; lower the learning rate`);
  const warning = await saveEnsemble(a.store, key, ensemble, run.seconds);
  if (warning) a.warn(warning);
  return { ensemble, trainSeconds: run.seconds, fromCache: false };
}
