import { tf } from '../../tf';
import type { Ensemble } from '../../models/ensemble';
import { scheduleBatches } from '../../train/batches';
import { optimize, type OptimizeResult } from '../../train/optimize';
import type { ProgressFn } from '../../train/progress';
import { deriveSeed } from '../../util/rng';
import { gatherInputs } from './batch';
import type { FineTuneSet } from './fine-tune-set';
import { RUNAWAY_SQUARED_ERROR } from './outcome';

/**
 * The "matching" fine-tune shared by Oracle matching and Datamodel matching: Adam on the
 * mean squared error between the ensemble's logits and target logits, over all C logits
 * (not just the margin: the paper matches the whole output), on a fine-tuning set.
 *
 * Targets are either shared by all models, [rows × C] (OM: the oracles' mean), or one
 * set per model, [N × rows × C] (DMM: each original has its own predicted oracle
 * outputs). They stay resident as one tensor for the whole run and each step gathers its
 * rows, so a step costs one forward and backward pass, nothing more.
 */
export interface MatchingTargets {
  /** Row-major, rows in `set.rows` order (per model first when `perModel`). */
  values: Float32Array;
  perModel: boolean;
}

export interface MatchingOptions {
  ensemble: Ensemble;
  inputs: tf.Tensor;
  set: FineTuneSet;
  targets: MatchingTargets;
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  stage: string;
  onProgress?: ProgressFn;
  signal?: AbortSignal;
}

export async function matchLogits(o: MatchingOptions): Promise<OptimizeResult> {
  const { ensemble, set } = o;
  const n = ensemble.size;
  const c = ensemble.classes;
  const rows = set.rows.length;
  const expected = (o.targets.perModel ? n : 1) * rows * c;
  if (o.targets.values.length !== expected) {
    throw new RangeError(`matching: ${o.targets.values.length} target values, expected ${expected}`);
  }
  const targets = o.targets.perModel ? tf.tensor3d(o.targets.values, [n, rows, c]) : tf.tensor2d(o.targets.values, [rows, c]);
  const batches = scheduleBatches(set.positions, o.batchSize, deriveSeed(o.seed, 'matching'), o.epochs);
  try {
    return await optimize({
      ensemble,
      steps: batches.length,
      learningRate: o.learningRate,
      schedule: 'cosine',
      examplesPerStep: (s) => batches[s].length * n,
      stage: o.stage,
      onProgress: o.onProgress,
      signal: o.signal,
      lossLimit: n * RUNAWAY_SQUARED_ERROR,
      lossAt: (s) => {
        const positions = batches[s];
        const poolRows = Int32Array.from(positions, (p) => set.rows[p]);
        const logits = ensemble.logits(gatherInputs(o.inputs, poolRows)); // [N,B,C]
        const idx = tf.tensor1d(positions, 'int32');
        const target = o.targets.perModel ? tf.gather(targets, idx, 1) : tf.gather(targets, idx); // [N,B,C] or [B,C]
        const perModel = tf.mean(tf.squaredDifference(logits, target), [1, 2]); // [N]
        return tf.sum(perModel) as tf.Scalar;
      },
    });
  } finally {
    targets.dispose();
  }
}
