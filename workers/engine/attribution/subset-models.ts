import { range } from '../train/batches';
import { throwIfAborted } from '../train/errors';
import { eta, throttled } from '../train/progress';
import { trainEnsemble } from '../train/train-ensemble';
import { Rng, deriveSeed } from '../util/rng';
import type { AttributionContext } from './context';

/**
 * Models trained on random α-subsets of the pool: the raw material of regression
 * datamodels, of the LDS check and of TRAK's scale calibration.
 *
 * Each chunk is one fused ensemble that trains on the whole pool with per-model 0/1
 * example weights (train-ensemble.ts), so every model sees the same minibatches and learns
 * only from its own subset; that is what makes M models cost about M/chunk ensemble runs
 * instead of M separate ones. Models differ in subset AND initialisation seed, so the
 * datamodel predicts the expected output over training randomness (as in Ilyas et al.
 * 2022), not one seed's quirks.
 *
 * Subsets have exactly round(α·n) points (uniform without replacement), as in the
 * datamodels paper; they depend only on (seed, model index), never on the chunk size.
 */
export type SubsetModelsArgs = Pick<AttributionContext, 'spec' | 'training' | 'compute' | 'inputs' | 'inputDim' | 'labels' | 'classes' | 'onProgress' | 'signal'> & {
  models: number;
  alpha: number;
  /** This run's own seed stream (not the context's base seed). */
  seed: number;
  /** Models per fused ensemble (memory and progress granularity, not results). */
  chunkSize: number;
  stage: string;
};

export interface SubsetModels {
  /** [models × n] 0/1 */
  masks: Uint8Array;
  /** Logits [models × targets × C], targets = train pool then validation. */
  outputs: Float32Array;
  models: number;
  trainSize: number;
  validationSize: number;
  classes: number;
  seconds: number;
}

/** The subset of model `m`: exactly round(α n) pool points. */
export function subsetMask(n: number, alpha: number, seed: number, m: number): Uint8Array {
  const k = Math.round(alpha * n);
  const mask = new Uint8Array(n);
  for (const i of new Rng(deriveSeed(seed, 'subset', m)).sample(n, k)) mask[i] = 1;
  return mask;
}

export async function trainSubsetModels(a: SubsetModelsArgs): Promise<SubsetModels> {
  if (!(a.alpha > 0 && a.alpha < 1)) throw new RangeError(`subset models: α = ${a.alpha} outside (0, 1)`);
  const n = a.labels.length;
  const v = a.inputs.sets.validation?.rows ?? 0;
  const t = n + v;
  const c = a.classes;
  const masks = new Uint8Array(a.models * n);
  for (let m = 0; m < a.models; m++) masks.set(subsetMask(n, a.alpha, a.seed, m), m * n);
  const outputs = new Float32Array(a.models * t * c);
  const chunks = Math.ceil(a.models / a.chunkSize);
  const stepsPerChunk = a.training.epochs * Math.ceil(n / a.training.batchSize);
  const totalSteps = stepsPerChunk * chunks;
  const report = throttled(a.onProgress);
  const start = performance.now();
  for (let ch = 0; ch < chunks; ch++) {
    throwIfAborted(a.signal);
    const first = ch * a.chunkSize;
    const size = Math.min(a.chunkSize, a.models - first);
    const weights = new Float32Array(size * n);
    for (let m = 0; m < size; m++) for (let i = 0; i < n; i++) weights[m * n + i] = masks[(first + m) * n + i];
    const stage = `${a.stage}: models ${first + 1}–${first + size} of ${a.models}`;
    const { ensemble } = await trainEnsemble(a.compute, {
      spec: a.spec,
      seeds: Array.from(range(size), (m) => deriveSeed(a.seed, 'init', first + m)),
      orderSeed: deriveSeed(a.seed, 'order', ch),
      inputDim: a.inputDim,
      labels: a.labels,
      classes: c,
      indices: range(n),
      exampleWeights: weights,
      training: a.training,
      stage,
      signal: a.signal,
      onProgress: (p) => {
        // One bar over all chunks; time left from the overall rate so far.
        const done = ch * stepsPerChunk + p.done;
        const elapsed = (performance.now() - start) / 1000;
        report({ ...p, stage, done, total: totalSteps, secondsLeft: eta(elapsed, done, totalSteps) });
      },
    });
    try {
      const train = await ensemble.predict('train');
      const validation = await ensemble.predict('validation');
      for (let m = 0; m < size; m++) {
        const dst = (first + m) * t * c;
        outputs.set(train.subarray(m * n * c, (m + 1) * n * c), dst);
        outputs.set(validation.subarray(m * v * c, (m + 1) * v * c), dst + n * c);
      }
    } finally {
      ensemble.dispose();
    }
  }
  return { masks, outputs, models: a.models, trainSize: n, validationSize: v, classes: c, seconds: (performance.now() - start) / 1000 };
}

/** The first `count` models of a run (to study how quality grows with M without retraining). */
export function firstModels(s: SubsetModels, count: number): SubsetModels {
  const k = Math.min(count, s.models);
  const t = s.trainSize + s.validationSize;
  return {
    ...s,
    models: k,
    masks: s.masks.slice(0, k * s.trainSize),
    outputs: s.outputs.slice(0, k * t * s.classes),
    seconds: (s.seconds * k) / s.models,
  };
}
