import type { tf } from '../tf';
import type { ModelSpec } from '../models/spec';
import type { ProgressFn } from '../train/progress';
import type { TrainingOptions } from '../train/train-ensemble';

/**
 * What every estimator and the LDS read: the experiment's model and training recipe (the
 * subset models must be trained exactly as the originals were, or the datamodels predict
 * a different procedure), the resident inputs, and the TRAINING labels of the pool.
 */
export interface AttributionContext {
  spec: ModelSpec;
  training: TrainingOptions;
  trainInputs: tf.Tensor;
  validationInputs: tf.Tensor;
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
