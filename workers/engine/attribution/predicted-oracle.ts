import type { Datamodels, TargetSet } from './types';

/**
 * DMM's and DM-direct's targets (algorithms.md): ẑ_m(x) = z_orig,m(x) − Σ_{i∈F} β_i(x) for
 * every original model m. The removal effect is computed once per call and subtracted from
 * each model's logits: the datamodels predict the average effect of the data, the models
 * keep their own seed-specific starting points.
 */
export function subtractRemoval(
  dm: Datamodels,
  forget: Int32Array,
  set: TargetSet,
  rows: Int32Array,
  /** Original logits on those rows, [N × rows × C] (train/predict.ts layout). */
  originalLogits: Float32Array,
  models: number,
): Float32Array {
  const c = dm.classes;
  const width = rows.length * c;
  if (originalLogits.length !== models * width) throw new RangeError(`predicted oracle: ${originalLogits.length} logits for ${models}×${rows.length}×${c}`);
  const effect = dm.removalEffect(forget, set, rows);
  const out = new Float32Array(originalLogits.length);
  for (let m = 0; m < models; m++) for (let j = 0; j < width; j++) out[m * width + j] = originalLogits[m * width + j] - effect[j];
  return out;
}

/**
 * The `predictedOracleLogits` function of a MethodContext, given how to get the originals'
 * logits on any rows (the runner owns the models and inputs).
 */
export function predictedOracleLogitsFn(
  dm: Datamodels,
  forget: Int32Array,
  originalLogits: (set: TargetSet, rows: Int32Array) => Promise<Float32Array>,
  models: number,
): (set: TargetSet, rows: Int32Array) => Promise<Float32Array> {
  return async (set, rows) => subtractRemoval(dm, forget, set, rows, await originalLogits(set, rows), models);
}

export { meanOverModels } from '../util/logits';
