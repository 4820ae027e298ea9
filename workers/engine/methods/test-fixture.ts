/**
 * A small, fast unlearning setting for the methods' tests (only tests import this):
 * 300 points of random 64-d inputs, 4 classes from a random linear rule with 20% of the
 * labels flipped (so the originals must memorise, and forgetting is visible), a forget
 * set of 30 points, MLP (hidden 32) ensembles of 3 trained for 40 epochs, on in-thread
 * compute (native kernels).
 */
import { initBackend } from '../backend/select';
import { localCompute } from '../compute/local';
import type { Compute, ComputeInputs, Ensemble } from '../compute/types';
import type { ModelSpec } from '../models/spec';
import { accuracyFromLogits } from '../train/predict';
import { trainEnsemble, type TrainingOptions } from '../train/train-ensemble';
import { Rng } from '../util/rng';
import type { MethodContext } from './types';

export const SPEC: ModelSpec = { kind: 'mlp', hidden: 32 };
export const TRAINING: TrainingOptions = { epochs: 40, batchSize: 50, learningRate: 3e-3, schedule: 'cosine' };
export const ORIGINAL_SEEDS = [11, 12, 13];
export const ORACLE_SEEDS = [21, 22, 23];
const POINTS = 300;
export const DIM = 64;
export const CLASSES = 4;
const FORGET = 30;

export interface Fixture {
  compute: Compute;
  /** The pool's inputs, as handed to the compute. */
  inputs: ComputeInputs;
  labels: Uint8Array;
  forget: Int32Array;
  retain: Int32Array;
  originals: Ensemble;
  /** Lazily trained on R with ORACLE_SEEDS (only OM's tests need it). */
  oracles: () => Promise<Ensemble>;
}

export async function makeFixture(compute: Compute = localCompute()): Promise<Fixture> {
  await initBackend('wasm');
  const rng = new Rng(2024);
  const x = Float32Array.from({ length: POINTS * DIM }, () => rng.normal());
  const w = Float32Array.from({ length: DIM * CLASSES }, () => rng.normal());
  const labels = new Uint8Array(POINTS);
  for (let i = 0; i < POINTS; i++) {
    let best = 0;
    let bestScore = -Infinity;
    for (let c = 0; c < CLASSES; c++) {
      let s = 0;
      for (let d = 0; d < DIM; d++) s += x[i * DIM + d] * w[d * CLASSES + c];
      if (s > bestScore) [best, bestScore] = [c, s];
    }
    labels[i] = rng.next() < 0.2 ? (best + 1 + rng.int(CLASSES - 1)) % CLASSES : best;
  }
  const forget = Int32Array.from(rng.sample(POINTS, FORGET)).sort();
  const inForget = new Set(forget);
  const retain = Int32Array.from({ length: POINTS }, (_, i) => i).filter((i) => !inForget.has(i));
  const inputs: ComputeInputs = { sets: { train: { values: x, rows: POINTS, dim: DIM } }, imageShape: null };
  await compute.setInputs(inputs);
  const train = async (seeds: number[], indices: Int32Array) =>
    (await trainEnsemble(compute, { spec: SPEC, seeds, orderSeed: seeds[0], inputDim: DIM, labels, classes: CLASSES, indices, training: TRAINING, stage: 'fixture' })).ensemble;
  const originals = await train(ORIGINAL_SEEDS, Int32Array.from({ length: POINTS }, (_, i) => i));
  let oracles: Promise<Ensemble> | null = null;
  return { compute, inputs, labels, forget, retain, originals, oracles: () => (oracles ??= train(ORACLE_SEEDS, retain)) };
}

/** Trains a fresh ensemble on R with the oracle recipe (what Retrain is handed). */
export async function retrainOnRetain(fx: Fixture, seeds = ORACLE_SEEDS): Promise<Ensemble> {
  return (
    await trainEnsemble(fx.compute, {
      spec: SPEC, seeds, orderSeed: seeds[0], inputDim: DIM, labels: fx.labels,
      classes: CLASSES, indices: fx.retain, training: TRAINING, stage: 'retrain',
    })
  ).ensemble;
}

/** A method context over a fresh clone of the originals (handed over to the method). */
export async function contextFor<P>(fx: Fixture, params: P, extra: Partial<MethodContext<P>> = {}): Promise<MethodContext<P>> {
  return {
    params,
    originals: await fx.originals.clone(),
    labels: fx.labels,
    classes: CLASSES,
    forget: fx.forget,
    retain: fx.retain,
    seed: 5,
    retrain: async () => {
      const start = performance.now();
      const ensemble = await retrainOnRetain(fx);
      return { ensemble, seconds: (performance.now() - start) / 1000, reused: false };
    },
    retrainSchedule: { epochs: TRAINING.epochs, batchSize: TRAINING.batchSize },
    trainInputs: fx.inputs.sets.train,
    ensembleFromWeights: (w) => fx.compute.ensembleFromWeights(SPEC, DIM, CLASSES, w),
    ...extra,
  };
}

/** Mean cross-entropy over models and the given rows. */
export async function meanLoss(fx: Fixture, e: Ensemble, rows: Int32Array): Promise<number> {
  const z = await e.predict('train', rows);
  let total = 0;
  for (let m = 0; m < e.size; m++) {
    for (let r = 0; r < rows.length; r++) {
      const o = (m * rows.length + r) * CLASSES;
      let max = -Infinity;
      for (let c = 0; c < CLASSES; c++) max = Math.max(max, z[o + c]);
      let s = 0;
      for (let c = 0; c < CLASSES; c++) s += Math.exp(z[o + c] - max);
      total += max + Math.log(s) - z[o + fx.labels[rows[r]]];
    }
  }
  return total / (e.size * rows.length);
}

/** Mean accuracy over models on the given rows. */
export async function meanAccuracy(fx: Fixture, e: Ensemble, rows: Int32Array): Promise<number> {
  const acc = accuracyFromLogits(await e.predict('train', rows), e.size, CLASSES, Array.from(rows, (i) => fx.labels[i]));
  return acc.reduce((a, b) => a + b, 0) / acc.length;
}

/** Root-mean-square difference between two logit arrays of equal length. */
export function rms(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new RangeError(`rms: ${a.length} vs ${b.length} values`);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return Math.sqrt(s / a.length);
}

/** Every weight of an ensemble, flattened per model, for bit-level comparisons. */
export async function flatWeights(e: Ensemble): Promise<Float32Array[]> {
  return (await e.weights()).map((w) => {
    const out = new Float32Array(w.reduce((a, x) => a + x.length, 0));
    let o = 0;
    for (const x of w) {
      out.set(x, o);
      o += x.length;
    }
    return out;
  });
}
