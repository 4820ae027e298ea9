import { clipMargin } from './clip';
import { assertSamePoints, type MarginMatrix } from './margin-matrix';

/**
 * The NeurIPS 2023 Machine Unlearning Challenge score (algorithms.md, "Evaluation").
 *
 * Per forget point, from its logit-scaled confidences (= margins) under N unlearned and
 * N′ retrained models, the attacker "flag as unlearned when confidence > t" is tried at
 * every observed value t. With FPR = share of retrained models flagged and FNR = share of
 * unlearned models not flagged, each threshold gives
 *
 *     ε(t) = max( log(1 − δ − FPR) − log FNR,  log(1 − δ − FNR) − log FPR ),  δ = 1e-5,
 *
 * the second term covering the attacker who flips the decision. As in the challenge's
 * reference code:
 * - thresholds where exactly one of FPR, FNR is 0 are skipped (an error rate of 0 says
 *   nothing with so few models);
 * - FPR = FNR = 0 (a threshold separates the two samples) gives ε = ∞;
 * - a term whose log argument 1 − δ − rate is ≤ 0 (rate = 1) is left out; if both are
 *   left out (FPR = FNR = 1: the flipped attacker separates perfectly) ε = ∞;
 * - ε̂ = max(0, max_t ε(t)), so the estimate is never negative.
 * With N models per side the largest finite ε̂ is about log(N − 1), so small ensembles
 * cannot resolve the high-ε buckets: they read either ≤ log(N − 1) or ∞.
 *
 * Per-point score: 2^(−⌊ε̂ / 0.5⌋), and 0 once ⌊ε̂ / 0.5⌋ ≥ 12, i.e. ε̂ ≥ 6 or ∞. The
 * challenge stopped its buckets at the same place but gave the last one 2^(−12) instead
 * of 0; algorithms.md says 0 for large ε̂, and the difference is ≤ 2.4e-4 per point.
 * Forget quality = mean per-point score; final = forget quality × (retain accuracy /
 * retrain's retain accuracy) × (test accuracy / retrain's test accuracy).
 */
export const NEURIPS_DELTA = 1e-5;
export const NEURIPS_BUCKET_WIDTH = 0.5;
/** First bucket that scores 0 (ε̂ ≥ 12 × 0.5 = 6). */
export const NEURIPS_ZERO_BUCKET = 12;

/** ε̂ for one point; may be Infinity. Margins are clipped as everywhere (./clip.ts). */
export function neuripsEpsilon(
  unlearned: ArrayLike<number>,
  retrained: ArrayLike<number>,
  delta = NEURIPS_DELTA,
): number {
  const nu = unlearned.length;
  const nr = retrained.length;
  if (nu === 0 || nr === 0) throw new RangeError('neuripsEpsilon: empty sample');
  const u = Float64Array.from(unlearned, clipMargin).sort();
  const r = Float64Array.from(retrained, clipMargin).sort();
  const thresholds = Float64Array.from([...u, ...r]).sort();

  let best = 0;
  let iu = 0; // #unlearned ≤ t
  let ir = 0; // #retrained ≤ t
  for (let k = 0; k < thresholds.length; k++) {
    const t = thresholds[k];
    if (k > 0 && t === thresholds[k - 1]) continue;
    while (iu < nu && u[iu] <= t) iu++;
    while (ir < nr && r[ir] <= t) ir++;
    const fpr = (nr - ir) / nr;
    const fnr = iu / nu;
    if (fpr === 0 && fnr === 0) return Infinity;
    if (fpr === 0 || fnr === 0) continue;
    const a = 1 - delta - fpr;
    const b = 1 - delta - fnr;
    if (a <= 0 && b <= 0) return Infinity;
    const e1 = a > 0 ? Math.log(a) - Math.log(fnr) : -Infinity;
    const e2 = b > 0 ? Math.log(b) - Math.log(fpr) : -Infinity;
    best = Math.max(best, e1, e2);
  }
  return best;
}

/** Score of one point from its ε̂: 2^(−⌊ε̂/0.5⌋), 0 from ε̂ ≥ 6 (and for ∞). */
export function neuripsPointScore(epsilon: number): number {
  const bucket = Math.floor(epsilon / NEURIPS_BUCKET_WIDTH);
  return bucket >= NEURIPS_ZERO_BUCKET ? 0 : 2 ** -bucket;
}

export interface ForgetQuality {
  /** ε̂ per forget point; null stands for ∞ (JSON has no Infinity). */
  epsilons: (number | null)[];
  /** Per-point scores in [0, 1]. */
  scores: number[];
  /** Mean per-point score. */
  forgetQuality: number;
}

/** Forget quality from margins of the unlearned and retrained models on the forget set. */
export function forgetQuality(unlearned: MarginMatrix, retrained: MarginMatrix, delta = NEURIPS_DELTA): ForgetQuality {
  assertSamePoints(unlearned, retrained, 'forgetQuality');
  const points = unlearned.points;
  if (points === 0) throw new RangeError('forgetQuality: no forget points');
  const epsilons: (number | null)[] = [];
  const scores: number[] = [];
  const u = new Float64Array(unlearned.models);
  const r = new Float64Array(retrained.models);
  for (let i = 0; i < points; i++) {
    for (let k = 0; k < unlearned.models; k++) u[k] = unlearned.values[k * points + i];
    for (let k = 0; k < retrained.models; k++) r[k] = retrained.values[k * points + i];
    const eps = neuripsEpsilon(u, r, delta);
    epsilons.push(Number.isFinite(eps) ? eps : null);
    scores.push(neuripsPointScore(eps));
  }
  return { epsilons, scores, forgetQuality: scores.reduce((a, b) => a + b, 0) / points };
}

export interface NeuripsFinalInput {
  forgetQuality: number;
  retainAccuracy: number;
  retrainRetainAccuracy: number;
  testAccuracy: number;
  retrainTestAccuracy: number;
}

/** Final challenge score; null when a retrain accuracy is 0 (the ratio is undefined). */
export function neuripsFinalScore(x: NeuripsFinalInput): number | null {
  if (!(x.retrainRetainAccuracy > 0) || !(x.retrainTestAccuracy > 0)) return null;
  return x.forgetQuality * (x.retainAccuracy / x.retrainRetainAccuracy) * (x.testAccuracy / x.retrainTestAccuracy);
}
