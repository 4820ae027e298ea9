/**
 * Datamodels (algorithms.md, "Data attribution → datamodels"): for every target point x
 * (the train pool, then the validation set) and every class logit c, a linear predictor of
 * the model's output from the training subset used,
 *
 *     f_{x,c}(S') ≈ b_{x,c} + Σ_{i∈S'} β_i(x, c).
 *
 * A full β is n × targets × C (5,000 × 6,000 × 10 = 300M numbers), so no estimator
 * materialises it: each keeps its own factored form and answers the two questions the lab
 * asks of it, "what does removing F do" (DMM, DM-direct, the instant preview) and "what
 * does training on S' give" (LDS). Everything here is plain typed arrays, synchronous and
 * tfjs-free, so it runs on the page's worker without a backend and serialises as blobs.
 */

import { ESTIMATORS } from '../methods/shared/param-fields';

/** Which targets a query is about; rows index that set. Targets are ordered train pool first. */
export type TargetSet = 'train' | 'validation';

export const ESTIMATOR_IDS = [...ESTIMATORS, 'random'] as const;
export type EstimatorId = (typeof ESTIMATOR_IDS)[number];

export interface AttributionCost {
  /** Wall time of the estimator, including the subset models it trained. */
  seconds: number;
  /** Models trained for this estimator (originals it reads are not counted). */
  modelsTrained: number;
}

export interface DatamodelsShape {
  /** n: train-pool points (the rows of β). */
  trainSize: number;
  validationSize: number;
  classes: number;
}

/** Settings and diagnostics worth showing and exporting (λ, M, projection size, …). */
export type DatamodelsInfo = Record<string, number | string | boolean>;

export interface Datamodels extends DatamodelsShape {
  readonly estimator: EstimatorId;
  /**
   * 'logits': one datamodel per class logit. 'margin': only the true-label margin (some
   * imported datamodels); its effects are reported on the true-label logit, which moves
   * the margin by exactly the same amount and leaves the other logits alone.
   */
  readonly output: 'logits' | 'margin';
  readonly cost: AttributionCost;
  readonly info: DatamodelsInfo;
  /**
   * Σ_{i∈F} β_i(x): the predicted change of each logit of each requested row when F is
   * removed from the training set, to subtract from the original's logits.
   * Returns [rows × C] (all rows of the set when `rows` is omitted).
   */
  removalEffect(forget: Int32Array, set: TargetSet, rows?: Int32Array): Float32Array;
  /**
   * Predicted logits [rows × C] of a model trained on S' (given as a 0/1 mask over the
   * pool, or as the list of included pool indices): b + Σ_{i∈S'} β_i. Used by the LDS.
   */
  predict(included: Uint8Array | Int32Array, set: TargetSet, rows?: Int32Array): Float32Array;
  /** β_i(x, ·) for every train point i of one target: [n × C]. For inspection and tests. */
  weightsOf(set: TargetSet, row: number): Float32Array;
  /** A JSON header plus a few Float32Array blobs (IndexedDB / disk cache, export). */
  serialize(): SerializedDatamodels;
}

/** What every serialised form records; `kind` selects the factored form (see serialize.ts). */
export interface DatamodelsHeader extends DatamodelsShape {
  format: 'unlearning-lab/datamodels';
  version: 1;
  kind: 'factored' | 'sparse' | 'dense';
  estimator: EstimatorId;
  output: 'logits' | 'margin';
  cost: AttributionCost;
  info: DatamodelsInfo;
  /** Per-kind layout (block sizes, support size…). JSON only. */
  layout: Record<string, unknown>;
}

export interface SerializedDatamodels {
  header: DatamodelsHeader;
  blobs: Float32Array[];
}

/** Index of a (set, row) target in the combined target order: train pool, then validation. */
export function targetIndex(shape: DatamodelsShape, set: TargetSet, row: number): number {
  return set === 'train' ? row : shape.trainSize + row;
}

export function setSize(shape: DatamodelsShape, set: TargetSet): number {
  return set === 'train' ? shape.trainSize : shape.validationSize;
}

/**
 * The requested rows as explicit target indices. Throws on an out-of-range row: a silent
 * wrong answer here would become a wrong unlearning target.
 */
export function targetRows(shape: DatamodelsShape, set: TargetSet, rows?: Int32Array): Int32Array {
  const size = setSize(shape, set);
  const offset = set === 'train' ? 0 : shape.trainSize;
  const count = rows ? rows.length : size;
  const out = new Int32Array(count);
  for (let r = 0; r < count; r++) {
    const row = rows ? rows[r] : r;
    if (!(row >= 0 && row < size)) throw new RangeError(`datamodels: ${set} row ${row} outside [0, ${size})`);
    out[r] = offset + row;
  }
  return out;
}

/** A 0/1 mask over the pool from either a mask or a list of indices (checked). */
export function inclusionMask(trainSize: number, included: Uint8Array | Int32Array): Uint8Array {
  if (included instanceof Uint8Array) {
    if (included.length !== trainSize) throw new RangeError(`datamodels: mask of ${included.length} for a pool of ${trainSize}`);
    return included;
  }
  const mask = new Uint8Array(trainSize);
  for (const i of included) {
    if (!(i >= 0 && i < trainSize)) throw new RangeError(`datamodels: pool index ${i} outside [0, ${trainSize})`);
    mask[i] = 1;
  }
  return mask;
}

/** Checks forget indices once; duplicates would count a point twice, so they are rejected too. */
export function checkForget(trainSize: number, forget: Int32Array): void {
  const seen = new Uint8Array(trainSize);
  for (const i of forget) {
    if (!(i >= 0 && i < trainSize)) throw new RangeError(`datamodels: forget index ${i} outside [0, ${trainSize})`);
    if (seen[i]) throw new RangeError(`datamodels: forget index ${i} listed twice`);
    seen[i] = 1;
  }
}
