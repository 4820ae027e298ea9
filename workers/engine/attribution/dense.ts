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
 * An explicit β matrix, as imported from `.npy` (computed elsewhere, e.g. on a GPU
 * cluster) and as the tests' ground truth. Layout [n × targets × C'] with C' = C for
 * per-logit datamodels or C' = 1 for margin datamodels, whose effect is placed on the
 * target's true-label logit (which moves its margin by exactly that amount).
 */
export interface DenseParts extends DatamodelsShape {
  estimator: EstimatorId;
  output: 'logits' | 'margin';
  cost: AttributionCost;
  info: DatamodelsInfo;
  /** [n × targets × C'] */
  beta: Float32Array;
  /** [targets × C'], zeros when the source had none (LDS does not need it: ranks per target). */
  intercept: Float32Array;
  /** Labels of every target (train pool, then validation); required for margin datamodels. */
  labels?: Uint8Array;
}

export class DenseDatamodels implements Datamodels {
  readonly estimator: EstimatorId;
  readonly output: 'logits' | 'margin';
  readonly cost: AttributionCost;
  readonly info: DatamodelsInfo;
  readonly trainSize: number;
  readonly validationSize: number;
  readonly classes: number;
  readonly beta: Float32Array;
  readonly intercept: Float32Array;
  readonly labels?: Uint8Array;
  /** C', values per (point, target). */
  private readonly width: number;
  private readonly targets: number;

  constructor(p: DenseParts) {
    this.estimator = p.estimator;
    this.output = p.output;
    this.cost = p.cost;
    this.info = p.info;
    this.trainSize = p.trainSize;
    this.validationSize = p.validationSize;
    this.classes = p.classes;
    this.beta = p.beta;
    this.intercept = p.intercept;
    this.labels = p.labels;
    this.width = p.output === 'logits' ? p.classes : 1;
    this.targets = p.trainSize + p.validationSize;
    if (p.beta.length !== p.trainSize * this.targets * this.width) throw new RangeError('DenseDatamodels: β size does not match n × targets × C');
    if (p.intercept.length !== this.targets * this.width) throw new RangeError('DenseDatamodels: intercept size does not match targets × C');
    if (p.output === 'margin' && p.labels?.length !== this.targets) throw new RangeError('DenseDatamodels: margin datamodels need a label per target');
  }

  removalEffect(forget: Int32Array, set: TargetSet, rows?: Int32Array): Float32Array {
    checkForget(this.trainSize, forget);
    const targets = targetRows(this, set, rows);
    return this.expand(this.sumRows(forget, targets), targets, false);
  }

  predict(included: Uint8Array | Int32Array, set: TargetSet, rows?: Int32Array): Float32Array {
    const mask = inclusionMask(this.trainSize, included);
    const members: number[] = [];
    for (let i = 0; i < mask.length; i++) if (mask[i]) members.push(i);
    const targets = targetRows(this, set, rows);
    return this.expand(this.sumRows(members, targets), targets, true);
  }

  weightsOf(set: TargetSet, row: number): Float32Array {
    const t = targetRows(this, set, Int32Array.of(row))[0];
    const c = this.classes;
    const out = new Float32Array(this.trainSize * c);
    for (let i = 0; i < this.trainSize; i++) {
      const src = (i * this.targets + t) * this.width;
      if (this.width === c) for (let j = 0; j < c; j++) out[i * c + j] = this.beta[src + j];
      else out[i * c + this.labels![t]] = this.beta[src];
    }
    return out;
  }

  serialize(): SerializedDatamodels {
    const blobs = [this.beta, this.intercept];
    if (this.labels) blobs.push(Float32Array.from(this.labels));
    return {
      header: {
        format: 'unlearning-lab/datamodels',
        version: 1,
        kind: 'dense',
        estimator: this.estimator,
        output: this.output,
        cost: this.cost,
        info: this.info,
        trainSize: this.trainSize,
        validationSize: this.validationSize,
        classes: this.classes,
        layout: { hasLabels: !!this.labels },
      },
      blobs,
    };
  }

  /** Σ_{i∈rows} β_i(target, ·) as [targets × C'] in float64. */
  private sumRows(rows: ArrayLike<number>, targets: Int32Array): Float64Array {
    const w = this.width;
    const acc = new Float64Array(targets.length * w);
    for (let r = 0; r < rows.length; r++) {
      const base = rows[r] * this.targets * w;
      for (let q = 0; q < targets.length; q++) {
        const src = base + targets[q] * w;
        for (let j = 0; j < w; j++) acc[q * w + j] += this.beta[src + j];
      }
    }
    return acc;
  }

  /** [targets × C'] → [targets × C]: margin effects go to the true-label logit. */
  private expand(sum: Float64Array, targets: Int32Array, withIntercept: boolean): Float32Array {
    const c = this.classes;
    const w = this.width;
    const out = new Float32Array(targets.length * c);
    for (let q = 0; q < targets.length; q++) {
      const t = targets[q];
      for (let j = 0; j < w; j++) {
        const v = sum[q * w + j] + (withIntercept ? this.intercept[t * w + j] : 0);
        out[q * c + (w === c ? j : this.labels![t])] = v;
      }
    }
    return out;
  }
}

export function denseFromSerialized(s: SerializedDatamodels): DenseDatamodels {
  const [beta, intercept, labels] = s.blobs;
  if (!beta || !intercept) throw new RangeError('datamodels: missing blobs');
  return new DenseDatamodels({ ...s.header, beta, intercept, labels: labels ? Uint8Array.from(labels) : undefined });
}
