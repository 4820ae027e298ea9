/**
 * A small, fast unlearning setting for the methods' tests (only tests import this):
 * 300 points of random 64-d inputs, 4 classes from a random linear rule with 20% of the
 * labels flipped (so the originals must memorise, and forgetting is visible), a forget
 * set of 30 points, MLP (hidden 32) ensembles of 3 trained for 40 epochs.
 */
import '../backend/select';
import { initBackend } from '../backend/select';
import { tf } from '../tf';
import { cloneEnsemble, type Ensemble } from '../models/ensemble';
import type { ModelSpec } from '../models/spec';
import { crossEntropyPerExample } from '../train/losses';
import { predictLogits, accuracyFromLogits } from '../train/predict';
import { trainEnsemble, type TrainingOptions } from '../train/train-ensemble';
import { Rng } from '../util/rng';
import type { MethodContext } from './types';

export const SPEC: ModelSpec = { kind: 'mlp', hidden: 32 };
export const TRAINING: TrainingOptions = { epochs: 40, batchSize: 50, learningRate: 3e-3, schedule: 'cosine' };
export const ORIGINAL_SEEDS = [11, 12, 13];
export const ORACLE_SEEDS = [21, 22, 23];
const POINTS = 300;
const DIM = 64;
const CLASSES = 4;
const FORGET = 30;

export interface Fixture {
  inputs: tf.Tensor2D;
  labels: Uint8Array;
  forget: Int32Array;
  retain: Int32Array;
  originals: Ensemble;
  /** Lazily trained on R with ORACLE_SEEDS (only OM's tests need it). */
  oracles: () => Promise<Ensemble>;
}

export async function makeFixture(): Promise<Fixture> {
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
  const inputs = tf.tensor2d(x, [POINTS, DIM]);
  const train = async (seeds: number[], indices: Int32Array) =>
    (await trainEnsemble({ spec: SPEC, seeds, orderSeed: seeds[0], inputs, inputDim: DIM, labels, classes: CLASSES, indices, training: TRAINING, stage: 'fixture' }))
      .ensemble;
  const originals = await train(ORIGINAL_SEEDS, Int32Array.from({ length: POINTS }, (_, i) => i));
  let oracles: Promise<Ensemble> | null = null;
  return { inputs, labels, forget, retain, originals, oracles: () => (oracles ??= train(ORACLE_SEEDS, retain)) };
}

/** Trains a fresh ensemble on R exactly as `retrainFromScratch` does in the fixture. */
export async function retrainOnRetain(fx: Fixture): Promise<Ensemble> {
  return (
    await trainEnsemble({
      spec: SPEC, seeds: ORACLE_SEEDS, orderSeed: ORACLE_SEEDS[0], inputs: fx.inputs, inputDim: DIM, labels: fx.labels,
      classes: CLASSES, indices: fx.retain, training: TRAINING, stage: 'retrain',
    })
  ).ensemble;
}

/** A method context over a fresh clone of the originals (handed over to the method). */
export function contextFor<P>(fx: Fixture, params: P, extra: Partial<MethodContext<P>> = {}): MethodContext<P> {
  return {
    params,
    originals: cloneEnsemble(fx.originals),
    trainInputs: fx.inputs,
    inputDim: DIM,
    labels: fx.labels,
    classes: CLASSES,
    forget: fx.forget,
    retain: fx.retain,
    seed: 5,
    retrainFromScratch: () => retrainOnRetain(fx),
    retrainSchedule: { epochs: TRAINING.epochs, batchSize: TRAINING.batchSize },
    ...extra,
  };
}

/** Mean cross-entropy over models and the given rows. */
export async function meanLoss(fx: Fixture, e: Ensemble, rows: Int32Array): Promise<number> {
  const loss = tf.tidy(() => {
    const logits = e.logits(tf.gather(fx.inputs, tf.tensor1d(rows, 'int32')));
    const y = tf.tensor1d(Int32Array.from(rows, (i) => fx.labels[i]), 'int32');
    return tf.mean(crossEntropyPerExample(logits, y, CLASSES));
  });
  const v = (await loss.data())[0];
  loss.dispose();
  return v;
}

/** Mean accuracy over models on the given rows. */
export async function meanAccuracy(fx: Fixture, e: Ensemble, rows: Int32Array): Promise<number> {
  const acc = accuracyFromLogits(await predictLogits(e, fx.inputs, rows), e.size, CLASSES, Array.from(rows, (i) => fx.labels[i]));
  return acc.reduce((a, b) => a + b, 0) / acc.length;
}

/** Root-mean-square difference between two logit arrays of equal length. */
export function rms(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new RangeError(`rms: ${a.length} vs ${b.length} values`);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return Math.sqrt(s / a.length);
}

/** Every weight of an ensemble, flattened, for bit-level comparisons. */
export async function flatWeights(e: Ensemble): Promise<Float32Array[]> {
  return Promise.all(e.variables.map(async (v) => (await v.data()) as Float32Array));
}
