import { scheduleBatches } from '../../train/batches';
import { PlanBuilder, type TrainingPlan } from '../../train/plan';
import { deriveSeed } from '../../util/rng';
import type { FineTuneSet } from './fine-tune-set';
import { RUNAWAY_SQUARED_ERROR } from './outcome';

/**
 * The "matching" fine-tune shared by Oracle matching and Datamodel matching: Adam on the
 * mean squared error between the ensemble's logits and target logits, over all C logits
 * (not just the margin: the paper matches the whole output), on a fine-tuning set.
 *
 * Targets are either shared by all models, [rows × C] (OM: the oracles' mean), or one set
 * per model, [N × rows × C] (DMM: each original has its own predicted oracle outputs),
 * rows in `set.rows` order.
 */
export interface MatchingTargets {
  values: Float32Array;
  perModel: boolean;
}

export interface MatchingOptions {
  set: FineTuneSet;
  targets: MatchingTargets;
  models: number;
  classes: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  labels: Uint8Array;
}

export function matchingPlan(o: MatchingOptions): TrainingPlan {
  const { set } = o;
  const expected = (o.targets.perModel ? o.models : 1) * set.rows.length * o.classes;
  if (o.targets.values.length !== expected) {
    throw new RangeError(`matching: ${o.targets.values.length} target values, expected ${expected}`);
  }
  const builder = new PlanBuilder([[{ loss: 'squared-error', segment: 0, weight: 1 }]]);
  for (const positions of scheduleBatches(set.positions, o.batchSize, deriveSeed(o.seed, 'matching'), o.epochs)) {
    builder.step(0, Int32Array.from(positions, (p) => set.rows[p]));
  }
  return builder.build({
    learningRate: o.learningRate,
    schedule: 'cosine',
    lossLimit: RUNAWAY_SQUARED_ERROR,
    labels: { perModel: false, values: Int32Array.from(o.labels) },
    exampleWeights: null,
    targets: { rows: set.rows, perModel: o.targets.perModel, values: o.targets.values },
    teacherRows: null,
  });
}
