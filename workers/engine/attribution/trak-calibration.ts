import { deriveSeed } from '../util/rng';
import type { AttributionContext } from './context';
import type { FactoredDatamodels } from './factored';
import { DEFAULT_SUBSET_CHUNK } from './meta';
import { trainSubsetModels } from './subset-models';

/**
 * Puts TRAK's scores on the scale of logits, which DMM needs (it subtracts Σβ from them).
 *
 * TRAK's kernel is a stand-in for the Hessian, so its scores are right up to a factor, and
 * not even one factor: on the CIFAR-subset MLP a single fitted scale left the forget
 * points' own margin drop (memorisation) ~5× too small while fitting the small effects on
 * all other points. So we fit two scales by least squares on fresh subset models:
 *
 *     y_m(x, c) ≈ a · Σ_{i∈S_m, i≠x} β_i(x, c) + b · 1[x ∈ S_m] β_x(x, c)
 *
 * (a for influence on other points, b for a point's influence on itself; the second term
 * exists only for train-pool targets). Both sides are centred across models (removes the
 * intercept) and across classes (removes the softmax's free per-point shift, which
 * margin-based gradient features cannot see). The subsets are large (α = 0.9 by default)
 * so the fit happens near the full pool, where DMM removes its forget set. A negative
 * scale is clamped to 0: an anti-correlated part predicts no change rather than the
 * opposite one.
 */
export interface TrakCalibration {
  /** a: scale of influence on other points. */
  cross: number;
  /** b: scale of a train point's influence on its own output. */
  self: number;
}

export async function calibrateTrak(
  raw: FactoredDatamodels,
  /** raw.diagonal(), [n × C] */
  diagonal: Float32Array,
  ctx: AttributionContext,
  o: { models: number; alpha: number },
): Promise<TrakCalibration> {
  const subsets = await trainSubsetModels({
    ...ctx, // model, recipe, inputs, labels, progress and signal
    models: o.models,
    alpha: o.alpha,
    seed: deriveSeed(ctx.seed, 'trak-calibration'),
    chunkSize: DEFAULT_SUBSET_CHUNK[ctx.spec.kind],
    stage: 'TRAK scale calibration',
  });
  const k = subsets.models;
  const n = raw.trainSize;
  const c = raw.classes;
  const width = (n + raw.validationSize) * c;
  const cross = new Float32Array(k * width);
  const self = new Float32Array(k * width);
  for (let m = 0; m < k; m++) {
    const mask = subsets.masks.subarray(m * n, (m + 1) * n);
    cross.set(raw.predict(mask, 'train'), m * width);
    cross.set(raw.predict(mask, 'validation'), m * width + n * c);
    for (let i = 0; i < n; i++) {
      if (!mask[i]) continue;
      for (let j = 0; j < c; j++) {
        self[m * width + i * c + j] = diagonal[i * c + j];
        cross[m * width + i * c + j] -= diagonal[i * c + j];
      }
    }
  }
  const p = centred(cross, k, width, c);
  const s = centred(self, k, width, c);
  const y = centred(subsets.outputs, k, width, c);
  let pp = 0;
  let ss = 0;
  let ps = 0;
  let py = 0;
  let sy = 0;
  for (let j = 0; j < p.length; j++) {
    pp += p[j] * p[j];
    ss += s[j] * s[j];
    ps += p[j] * s[j];
    py += p[j] * y[j];
    sy += s[j] * y[j];
  }
  return fitTwoScales(pp, ss, ps, py, sy);
}

/** Non-negative least squares in two variables from the normal equations' sums. */
export function fitTwoScales(pp: number, ss: number, ps: number, py: number, sy: number): TrakCalibration {
  const one = (num: number, den: number) => (den > 0 ? Math.max(0, num / den) : 0);
  const det = pp * ss - ps * ps;
  if (det > 1e-9 * pp * ss) {
    const a = (py * ss - sy * ps) / det;
    const b = (sy * pp - py * ps) / det;
    if (a >= 0 && b >= 0) return { cross: a, self: b };
  }
  // On the boundary: the better of "only a" and "only b" (each other one at 0), or one
  // shared scale when the self term never varied (too few calibration models).
  if (!(ss > 0)) {
    const shared = one(py, pp);
    return { cross: shared, self: shared };
  }
  const a = one(py, pp);
  const b = one(sy, ss);
  const lossA = -2 * a * py + a * a * pp;
  const lossB = -2 * b * sy + b * b * ss;
  return lossA <= lossB ? { cross: a, self: 0 } : { cross: 0, self: b };
}

/** Centred across models (per output), then across classes (per model and target). */
function centred(a: Float32Array, k: number, width: number, c: number): Float64Array {
  const out = new Float64Array(a.length);
  for (let j = 0; j < width; j++) {
    let mean = 0;
    for (let m = 0; m < k; m++) mean += a[m * width + j] / k;
    for (let m = 0; m < k; m++) out[m * width + j] = a[m * width + j] - mean;
  }
  for (let r = 0; r < out.length; r += c) {
    let mean = 0;
    for (let j = 0; j < c; j++) mean += out[r + j] / c;
    for (let j = 0; j < c; j++) out[r + j] -= mean;
  }
  return out;
}
