import { localCompute } from '../compute/local';
import type { Ensemble } from '../compute/types';
import type { ModelSpec } from '../models/spec';
import { range } from '../train/batches';
import { trainEnsemble, type TrainingOptions } from '../train/train-ensemble';
import { marginAt } from '../metrics/margin';
import { Rng, deriveSeed } from '../util/rng';
import type { AttributionContext } from './context';
import type { Datamodels } from './types';

/**
 * A setting where the truth is computable: softmax regression (`linear`) on a small pool
 * of random Gaussian class-cluster features, with some flipped labels so that a few points
 * have large, easy-to-check influence. Retraining it is cheap, so tests compare attribution
 * against models actually retrained without F.
 */
export interface TinyProblem {
  ctx: AttributionContext;
  dispose(): void;
}

export const TINY_TRAINING: TrainingOptions = { epochs: 30, batchSize: 32, learningRate: 0.02, schedule: 'cosine' };

export async function tinyProblem(o: { n?: number; v?: number; d?: number; classes?: number; flip?: number; seed?: number } = {}): Promise<TinyProblem> {
  const { n = 240, v = 80, d = 12, classes = 3, flip = 0.1, seed = 7 } = o;
  const rng = new Rng(seed);
  const means = Array.from({ length: classes }, () => Array.from({ length: d }, () => rng.normal() * 0.8));
  const draw = (count: number, flipRate: number) => {
    const x = new Float32Array(count * d);
    const y = new Uint8Array(count);
    for (let i = 0; i < count; i++) {
      const c = rng.int(classes);
      for (let j = 0; j < d; j++) x[i * d + j] = means[c][j] + rng.normal();
      y[i] = rng.next() < flipRate ? (c + 1 + rng.int(classes - 1)) % classes : c;
    }
    return { x, y };
  };
  const train = draw(n, flip);
  const validation = draw(v, 0);
  const compute = localCompute();
  const inputs = { sets: { train: { values: train.x, rows: n, dim: d }, validation: { values: validation.x, rows: v, dim: d } }, imageShape: null };
  await compute.setInputs(inputs);
  return {
    ctx: {
      spec: { kind: 'linear', hidden: 8 } as ModelSpec,
      training: TINY_TRAINING,
      compute,
      inputs,
      inputDim: d,
      labels: train.y,
      validationLabels: validation.y,
      classes,
      seed,
    },
    dispose: () => compute.dispose(),
  };
}

/** Trains `models` originals on the whole pool (the ensemble TRAK reads). Caller disposes. */
export async function trainOriginals(ctx: AttributionContext, models: number, seed = 1): Promise<Ensemble> {
  const n = ctx.labels.length;
  const { ensemble } = await trainEnsemble(ctx.compute, {
    spec: ctx.spec,
    seeds: Array.from({ length: models }, (_, m) => deriveSeed(seed, 'orig', m)),
    orderSeed: deriveSeed(seed, 'order'),
    inputDim: ctx.inputDim,
    labels: ctx.labels,
    classes: ctx.classes,
    indices: range(n),
    training: ctx.training,
    stage: 'originals',
  });
  return ensemble;
}

/**
 * The measured effect of removing F: `pairs` models trained on S and `pairs` on S \ F with
 * the same initialisations and minibatch schedule (F is masked out of the shared batches),
 * so the difference is the data's doing, not the seed's. Returns, per target (train pool
 * then validation), the mean margin change margin(S) − margin(S \ F), and the mean
 * original logits [targets × C].
 */
export async function measuredRemoval(ctx: AttributionContext, forget: Int32Array, pairs: number, training: TrainingOptions = ctx.training) {
  const n = ctx.labels.length;
  const v = ctx.validationLabels.length;
  const c = ctx.classes;
  const weights = new Float32Array(2 * pairs * n).fill(1);
  for (let m = pairs; m < 2 * pairs; m++) for (const i of forget) weights[m * n + i] = 0;
  const seeds = Array.from({ length: 2 * pairs }, (_, m) => deriveSeed(99, 'pair', m % pairs));
  const { ensemble } = await trainEnsemble(ctx.compute, {
    spec: ctx.spec,
    seeds,
    orderSeed: 1234,
    inputDim: ctx.inputDim,
    labels: ctx.labels,
    classes: c,
    indices: range(n),
    exampleWeights: weights,
    training,
    stage: 'truth',
  });
  const train = await ensemble.predict('train');
  const validation = await ensemble.predict('validation');
  ensemble.dispose();
  const t = n + v;
  const labels = [...ctx.labels, ...ctx.validationLabels];
  const logitsOf = (m: number, target: number): [Float32Array, number] =>
    target < n ? [train, (m * n + target) * c] : [validation, (m * v + target - n) * c];
  const change = new Float32Array(t);
  const originalLogits = new Float32Array(t * c);
  for (let target = 0; target < t; target++) {
    for (let m = 0; m < pairs; m++) {
      const [a, ao] = logitsOf(m, target);
      const [b, bo] = logitsOf(m + pairs, target);
      change[target] += (marginAt(a, ao, c, labels[target]) - marginAt(b, bo, c, labels[target])) / pairs;
      for (let j = 0; j < c; j++) originalLogits[target * c + j] += a[ao + j] / pairs;
    }
  }
  return { change, originalLogits };
}

/** A seeded random forget set of size k. */
export function randomForget(n: number, k: number, seed: number): Int32Array {
  return Int32Array.from(new Rng(seed).sample(n, k)).sort();
}

/**
 * Predicted margin change margin(z) − margin(z − Σ_{i∈F} β_i) of every target (train pool,
 * then validation), from the datamodels and the original logits [targets × C].
 */
export function predictedMarginChange(dm: Datamodels, forget: Int32Array, originalLogits: Float32Array, labels: Uint8Array): Float32Array {
  const c = dm.classes;
  const effect = new Float32Array([...dm.removalEffect(forget, 'train'), ...dm.removalEffect(forget, 'validation')]);
  const out = new Float32Array(labels.length);
  const after = new Float32Array(c);
  for (let t = 0; t < labels.length; t++) {
    for (let j = 0; j < c; j++) after[j] = originalLogits[t * c + j] - effect[t * c + j];
    out[t] = marginAt(originalLogits, t * c, c, labels[t]) - marginAt(after, 0, c, labels[t]);
  }
  return out;
}
