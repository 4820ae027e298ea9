import { cacheKey } from '../cache/artifact';
import type { BlobStore } from '../cache/blob-store';
import { loadEnsemble, saveEnsemble } from '../cache/ensemble-cache';
import type { Ensemble } from '../models/ensemble';
import type { ModelSpec } from '../models/spec';
import type { tf } from '../tf';
import type { ProgressFn } from '../train/progress';
import { trainEnsemble, type TrainingOptions } from '../train/train-ensemble';
import { deriveSeed } from '../util/rng';

export interface ReferenceEnsembleArgs {
  /** 'originals' | 'oracles' | 'oracles-2' | 'retrain': also the seed stream name. */
  role: string;
  stage: string;
  datasetHash: string;
  spec: ModelSpec;
  training: TrainingOptions;
  models: number;
  seed: number;
  inputs: tf.Tensor;
  inputDim: number;
  labels: Uint8Array;
  classes: number;
  indices: Int32Array;
  backend: string;
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
 * seeds, training indices, backend) produced one before. That is what lets a new forget set
 * reuse the originals. The backend is in the key because backends differ in the last bits.
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
    backend: a.backend,
  });
  const cached = await loadEnsemble(a.store, key);
  if (cached) {
    a.onProgress?.({ stage: `${a.stage} (cached)`, done: 1, total: 1, secondsLeft: 0 });
    return { ...cached, fromCache: true };
  }
  const { ensemble, run } = await trainEnsemble({
    spec: a.spec,
    seeds,
    orderSeed,
    inputs: a.inputs,
    inputDim: a.inputDim,
    labels: a.labels,
    classes: a.classes,
    indices: a.indices,
    training: a.training,
    stage: a.stage,
    onProgress: a.onProgress,
    signal: a.signal,
  });
  if (run.diverged) a.warn(`${a.stage}: training loss became NaN/Inf; lower the learning rate`);
  const warning = await saveEnsemble(a.store, key, ensemble, run.seconds);
  if (warning) a.warn(warning);
  return { ensemble, trainSeconds: run.seconds, fromCache: false };
}
