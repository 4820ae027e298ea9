import type { Compute, ComputeInputs } from '../compute/types';
import type { ModelSpec } from '../models/spec';
import type { ProgressFn } from '../train/progress';
import type { TrainingOptions } from '../train/train-ensemble';

/**
 * What every estimator and the LDS read: the experiment's model and training recipe (the
 * subset models must be trained exactly as the originals were, or the datamodels predict
 * a different procedure), the compute that trains them (holding `inputs`), the inputs as
 * matrices (TRAK's analytic forward passes), and the TRAINING labels of the pool.
 */
export interface AttributionContext {
  spec: ModelSpec;
  training: TrainingOptions;
  compute: Compute;
  inputs: ComputeInputs;
  inputDim: number;
  labels: Uint8Array;
  validationLabels: Uint8Array;
  classes: number;
  /** Base seed; each estimator and the LDS derive their own sub-streams from it. */
  seed: number;
  onProgress?: ProgressFn;
  signal?: AbortSignal;
}

/** Labels of every target, train pool then validation. */
export function targetLabels(ctx: Pick<AttributionContext, 'labels' | 'validationLabels'>): Uint8Array {
  const out = new Uint8Array(ctx.labels.length + ctx.validationLabels.length);
  out.set(ctx.labels);
  out.set(ctx.validationLabels, ctx.labels.length);
  return out;
}
