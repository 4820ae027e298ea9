import { rightFactorFrom, type RightFactor, type RightFactorLayout } from './right-factors';
import {
  checkForget,
  inclusionMask,
  setSize,
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
 * Datamodels kept as a product β_i(x, c) = Σ_k L[i, k] R_k(x, c) (regression: L = the
 * ridge solve A [n × M], R = centred outputs Yc; TRAK: L = train-gradient features through
 * the kernel solve, R = target-gradient features). Removing F costs |F|·K additions to
 * form u = Σ_{i∈F} L_i, then one pass over R for the requested rows: never n × targets × C.
 *
 * Optionally plus a diagonal: `self` [n × C] is added to β_i(x_i, ·), a train point's
 * weight on its own output. TRAK's calibration uses it to scale self-influence
 * (memorisation) separately from the influence on other points, see trak-calibration.ts.
 */
export interface FactoredParts extends DatamodelsShape {
  estimator: EstimatorId;
  cost: AttributionCost;
  info: DatamodelsInfo;
  /** L, [n × K] row-major: one row per train-pool point. */
  left: Float32Array;
  /** Target-side factors; their dims add up to K, in the order of L's columns. */
  blocks: RightFactor[];
  /** b, [targets × C] (train pool, then validation). */
  intercept: Float32Array;
  /** Extra weight of each train point on its own output, [n × C]. */
  self?: Float32Array;
}

export class FactoredDatamodels implements Datamodels {
  readonly estimator: EstimatorId;
  readonly output = 'logits' as const;
  readonly cost: AttributionCost;
  readonly info: DatamodelsInfo;
  readonly trainSize: number;
  readonly validationSize: number;
  readonly classes: number;
  /** K, the inner dimension. */
  readonly rank: number;
  readonly left: Float32Array;
  readonly blocks: RightFactor[];
  readonly intercept: Float32Array;
  readonly self?: Float32Array;

  constructor(p: FactoredParts) {
    this.estimator = p.estimator;
    this.cost = p.cost;
    this.info = p.info;
    this.trainSize = p.trainSize;
    this.validationSize = p.validationSize;
    this.classes = p.classes;
    this.left = p.left;
    this.blocks = p.blocks;
    this.intercept = p.intercept;
    this.self = p.self;
    if (p.self && p.self.length !== p.trainSize * p.classes) throw new RangeError('FactoredDatamodels: self weights must be n × C');
    this.rank = p.blocks.reduce((s, b) => s + b.layout.dim, 0);
    if (p.left.length !== p.trainSize * this.rank) {
      throw new RangeError(`FactoredDatamodels: left has ${p.left.length} values, expected ${p.trainSize}×${this.rank}`);
    }
    const targets = p.trainSize + p.validationSize;
    if (p.intercept.length !== targets * p.classes) {
      throw new RangeError(`FactoredDatamodels: intercept has ${p.intercept.length} values, expected ${targets}×${p.classes}`);
    }
  }

  removalEffect(forget: Int32Array, set: TargetSet, rows?: Int32Array): Float32Array {
    checkForget(this.trainSize, forget);
    const targets = targetRows(this, set, rows);
    const out = this.applyTo(this.sumLeftRows(forget), targets);
    if (this.self && set === 'train') this.addSelf(out, targets, inclusionMask(this.trainSize, forget));
    return Float32Array.from(out);
  }

  predict(included: Uint8Array | Int32Array, set: TargetSet, rows?: Int32Array): Float32Array {
    const mask = inclusionMask(this.trainSize, included);
    const members: number[] = [];
    for (let i = 0; i < mask.length; i++) if (mask[i]) members.push(i);
    const targets = targetRows(this, set, rows);
    const sum = this.applyTo(this.sumLeftRows(members), targets);
    if (this.self && set === 'train') this.addSelf(sum, targets, mask);
    const c = this.classes;
    const out = new Float32Array(sum.length);
    for (let r = 0; r < targets.length; r++) {
      for (let j = 0; j < c; j++) out[r * c + j] = this.intercept[targets[r] * c + j] + sum[r * c + j];
    }
    return out;
  }

  weightsOf(set: TargetSet, row: number): Float32Array {
    const targets = targetRows(this, set, Int32Array.of(row));
    const out = new Float32Array(this.trainSize * this.classes);
    const u = new Float64Array(this.rank);
    for (let i = 0; i < this.trainSize; i++) {
      for (let k = 0; k < this.rank; k++) u[k] = this.left[i * this.rank + k];
      const v = this.applyTo(u, targets);
      for (let j = 0; j < this.classes; j++) out[i * this.classes + j] = v[j];
    }
    if (this.self && set === 'train') for (let j = 0; j < this.classes; j++) out[row * this.classes + j] += this.self[row * this.classes + j];
    return out;
  }

  serialize(): SerializedDatamodels {
    return {
      header: {
        format: 'unlearning-lab/datamodels',
        version: 1,
        kind: 'factored',
        estimator: this.estimator,
        output: this.output,
        cost: this.cost,
        info: this.info,
        trainSize: this.trainSize,
        validationSize: this.validationSize,
        classes: this.classes,
        layout: { blocks: this.blocks.map((b) => b.layout), self: !!this.self },
      },
      blobs: [this.left, this.intercept, ...(this.self ? [this.self] : []), ...this.blocks.flatMap((b) => b.blobs())],
    };
  }

  /** u = Σ_{i∈rows} L_i in float64 (a sum over up to n rows). */
  sumLeftRows(rows: ArrayLike<number>): Float64Array {
    const k = this.rank;
    const u = new Float64Array(k);
    for (let r = 0; r < rows.length; r++) {
      const base = rows[r] * k;
      for (let j = 0; j < k; j++) u[j] += this.left[base + j];
    }
    return u;
  }

  /** Σ_k u_k R_k(target, ·) for each target: [rows × C] in float64. */
  applyTo(u: Float64Array, targets: Int32Array): Float64Array {
    const out = new Float64Array(targets.length * this.classes);
    let offset = 0;
    for (const b of this.blocks) {
      b.apply(u, offset, targets, out);
      offset += b.layout.dim;
    }
    return out;
  }

  /** β_i(x_i, ·) of every train point on its own output, [n × C] (the diagonal of β). */
  diagonal(): Float32Array {
    const c = this.classes;
    const out = new Float32Array(this.trainSize * c);
    const u = new Float64Array(this.rank);
    const one = new Int32Array(1);
    for (let i = 0; i < this.trainSize; i++) {
      for (let k = 0; k < this.rank; k++) u[k] = this.left[i * this.rank + k];
      one[0] = i;
      const v = this.applyTo(u, one);
      for (let j = 0; j < c; j++) out[i * c + j] = v[j] + (this.self ? this.self[i * c + j] : 0);
    }
    return out;
  }

  /** out[r] += self[row r] for train targets whose own point is in `mask`. */
  private addSelf(out: Float64Array, targets: Int32Array, mask: Uint8Array): void {
    const c = this.classes;
    for (let r = 0; r < targets.length; r++) {
      const t = targets[r];
      if (!mask[t]) continue;
      for (let j = 0; j < c; j++) out[r * c + j] += this.self![t * c + j];
    }
  }

  /** Rows of a set, for callers that want "everything" explicitly. */
  size(set: TargetSet): number {
    return setSize(this, set);
  }
}

/**
 * The intercept that makes the prediction for the subset `center` (a weight per pool point:
 * the mean mask m̄ for regression, all ones for TRAK) equal `base` [targets × C]:
 * b = base − Σ_i center_i β_i. Used by the builders before constructing the datamodels.
 */
export function interceptFor(
  left: Float32Array,
  blocks: RightFactor[],
  shape: DatamodelsShape,
  base: Float32Array,
  center: ArrayLike<number>,
  self?: Float32Array,
): Float32Array {
  const rank = blocks.reduce((s, b) => s + b.layout.dim, 0);
  const u = new Float64Array(rank);
  for (let i = 0; i < shape.trainSize; i++) {
    const w = center[i];
    if (w === 0) continue;
    for (let k = 0; k < rank; k++) u[k] += w * left[i * rank + k];
  }
  const all = Int32Array.from({ length: shape.trainSize + shape.validationSize }, (_, t) => t);
  const sum = new Float64Array(all.length * shape.classes);
  let offset = 0;
  for (const b of blocks) {
    b.apply(u, offset, all, sum);
    offset += b.layout.dim;
  }
  const out = new Float32Array(base.length);
  for (let j = 0; j < out.length; j++) out[j] = base[j] - sum[j];
  if (self) for (let j = 0; j < self.length; j++) out[j] -= center[Math.floor(j / shape.classes)] * self[j];
  return out;
}

/** Rebuilds factored datamodels from `serialize()`'s output. */
export function factoredFromSerialized(s: SerializedDatamodels): FactoredDatamodels {
  const { header } = s;
  const blobs = s.blobs.slice();
  const left = blobs.shift();
  const intercept = blobs.shift();
  if (!left || !intercept) throw new RangeError('datamodels: missing blobs');
  const layout = header.layout as { blocks: RightFactorLayout[]; self?: boolean };
  const self = layout.self ? blobs.shift() : undefined;
  if (layout.self && !self) throw new RangeError('datamodels: missing blobs');
  const targets = header.trainSize + header.validationSize;
  const blocks = layout.blocks.map((l) => rightFactorFrom(l, blobs, targets, header.classes));
  return new FactoredDatamodels({ ...header, left, intercept, blocks, self });
}
