import {
  checkForget,
  inclusionMask,
  targetRows,
  type AttributionCost,
  type Datamodels,
  type DatamodelsInfo,
  type DatamodelsShape,
  type EstimatorId,
  type SerializedDatamodels,
  type TargetSet,
} from './types';

/**
 * Datamodels with a fixed-size support per target: for target x, `support` train points
 * and their weights for every logit (the support is shared by the C logits of a target).
 * Storage targets × support × (1 + C), so 6,000 targets × 32 × 11 ≈ 2M numbers; removing F
 * is one membership test per stored weight. Unused support slots hold weight 0.
 */
export interface SparseParts extends DatamodelsShape {
  estimator: EstimatorId;
  cost: AttributionCost;
  info: DatamodelsInfo;
  support: number;
  /** [targets × support] pool indices. */
  indices: Int32Array;
  /** [targets × support × C] */
  weights: Float32Array;
  /** [targets × C] */
  intercept: Float32Array;
}

export class SparseDatamodels implements Datamodels {
  readonly estimator: EstimatorId;
  readonly output = 'logits' as const;
  readonly cost: AttributionCost;
  readonly info: DatamodelsInfo;
  readonly trainSize: number;
  readonly validationSize: number;
  readonly classes: number;
  readonly support: number;
  readonly indices: Int32Array;
  readonly weights: Float32Array;
  readonly intercept: Float32Array;

  constructor(p: SparseParts) {
    this.estimator = p.estimator;
    this.cost = p.cost;
    this.info = p.info;
    this.trainSize = p.trainSize;
    this.validationSize = p.validationSize;
    this.classes = p.classes;
    this.support = p.support;
    this.indices = p.indices;
    this.weights = p.weights;
    this.intercept = p.intercept;
    const t = p.trainSize + p.validationSize;
    if (p.indices.length !== t * p.support || p.weights.length !== t * p.support * p.classes || p.intercept.length !== t * p.classes) {
      throw new RangeError('SparseDatamodels: array sizes do not match targets × support × classes');
    }
    for (const i of p.indices) if (!(i >= 0 && i < p.trainSize)) throw new RangeError(`SparseDatamodels: index ${i} outside the pool`);
  }

  removalEffect(forget: Int32Array, set: TargetSet, rows?: Int32Array): Float32Array {
    checkForget(this.trainSize, forget);
    return this.sumOver(inclusionMask(this.trainSize, forget), targetRows(this, set, rows), false);
  }

  predict(included: Uint8Array | Int32Array, set: TargetSet, rows?: Int32Array): Float32Array {
    return this.sumOver(inclusionMask(this.trainSize, included), targetRows(this, set, rows), true);
  }

  weightsOf(set: TargetSet, row: number): Float32Array {
    const t = targetRows(this, set, Int32Array.of(row))[0];
    const c = this.classes;
    const out = new Float32Array(this.trainSize * c);
    for (let s = 0; s < this.support; s++) {
      const i = this.indices[t * this.support + s];
      for (let j = 0; j < c; j++) out[i * c + j] += this.weights[(t * this.support + s) * c + j];
    }
    return out;
  }

  serialize(): SerializedDatamodels {
    return {
      header: {
        format: 'unlearning-lab/datamodels',
        version: 1,
        kind: 'sparse',
        estimator: this.estimator,
        output: this.output,
        cost: this.cost,
        info: this.info,
        trainSize: this.trainSize,
        validationSize: this.validationSize,
        classes: this.classes,
        layout: { support: this.support },
      },
      // indices < 2^24 are exact in float32
      blobs: [Float32Array.from(this.indices), this.weights, this.intercept],
    };
  }

  private sumOver(mask: Uint8Array, targets: Int32Array, withIntercept: boolean): Float32Array {
    const { support: s, classes: c } = this;
    const out = new Float32Array(targets.length * c);
    for (let r = 0; r < targets.length; r++) {
      const t = targets[r];
      const acc = new Float64Array(c);
      if (withIntercept) for (let j = 0; j < c; j++) acc[j] = this.intercept[t * c + j];
      for (let k = 0; k < s; k++) {
        if (!mask[this.indices[t * s + k]]) continue;
        const w = (t * s + k) * c;
        for (let j = 0; j < c; j++) acc[j] += this.weights[w + j];
      }
      out.set(acc, r * c);
    }
    return out;
  }
}

export function sparseFromSerialized(s: SerializedDatamodels): SparseDatamodels {
  const [indices, weights, intercept] = s.blobs;
  if (!indices || !weights || !intercept) throw new RangeError('datamodels: missing blobs');
  const support = (s.header.layout as { support: number }).support;
  return new SparseDatamodels({ ...s.header, support, indices: Int32Array.from(indices), weights, intercept });
}
