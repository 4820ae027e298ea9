import type { Compute, Ensemble } from '../compute/types';
import type { ModelSpec } from '../models/spec';
import { deriveSeed } from '../util/rng';
import { scheduleBatches } from './batches';
import { PlanBuilder, type PlanReport, type TrainingPlan } from './plan';
import type { ProgressFn } from './progress';
import type { TrainingOptions } from './training-schema';

export { trainingSchema, type TrainingOptions } from './training-schema';

export interface CrossEntropyRecipe {
  /** Pool indices the models train on (S for originals, R for oracles). */
  indices: Int32Array;
  /** Training labels of the whole pool. */
  labels: Uint8Array;
  training: TrainingOptions;
  /** Seed of the data order (shared by all models of the ensemble). */
  orderSeed: number;
  /**
   * Optional per-model 0/1 weights over the pool [N × poolSize]: model m only learns from
   * examples with weight 1 (datamodel subset models share batches, differ by mask).
   */
  exampleWeights?: Float32Array;
}

/** The training recipe as a plan: epochs of seeded minibatches, mean cross-entropy, Adam. */
export function crossEntropyPlan(r: CrossEntropyRecipe): TrainingPlan {
  const builder = new PlanBuilder([[{ loss: 'cross-entropy', segment: 0, weight: 1, weighted: !!r.exampleWeights }]]);
  for (const batch of scheduleBatches(r.indices, r.training.batchSize, deriveSeed(r.orderSeed, 'batches'), r.training.epochs)) builder.step(0, batch);
  return builder.build({
    learningRate: r.training.learningRate,
    schedule: r.training.schedule,
    lossLimit: null,
    labels: { perModel: false, values: Int32Array.from(r.labels) },
    exampleWeights: r.exampleWeights ?? null,
    targets: null,
    teacherRows: null,
  });
}

export interface TrainEnsembleArgs extends CrossEntropyRecipe {
  spec: ModelSpec;
  /** One seed per model: initialisation. The data order comes from `orderSeed`. */
  seeds: number[];
  inputDim: number;
  classes: number;
  stage: string;
  onProgress?: ProgressFn;
  signal?: AbortSignal;
}

/** Trains a new ensemble from scratch with cross-entropy. The caller owns (and disposes) the result. */
export async function trainEnsemble(compute: Compute, a: TrainEnsembleArgs): Promise<{ ensemble: Ensemble; run: PlanReport }> {
  const ensemble = await compute.createEnsemble(a.spec, a.inputDim, a.classes, a.seeds);
  try {
    const run = await ensemble.train(crossEntropyPlan(a), { stage: a.stage, onProgress: a.onProgress, signal: a.signal });
    return { ensemble, run };
  } catch (e) {
    ensemble.dispose();
    throw e;
  }
}

/** True when any model's training broke down (loss NaN/∞ or non-finite weights). */
export function anyDiverged(run: PlanReport): boolean {
  return run.divergedAt.some((s) => s >= 0) || run.finite.some((f) => !f);
}
