import { argmaxRate } from '../util/logits';

/** Per-model accuracy from logits [N × rows × C] and labels. */
export function accuracyFromLogits(logits: Float32Array, models: number, classes: number, labels: ArrayLike<number>): number[] {
  return argmaxRate(logits, models, labels.length, classes, (r) => labels[r]);
}
