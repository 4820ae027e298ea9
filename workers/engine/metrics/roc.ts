/**
 * ROC analysis of a score where higher means "positive" (for the attacks here: "this
 * output came from an unlearned model, not an oracle").
 *
 * Conventions:
 * - A threshold t predicts positive for score ≥ t. The curve has one vertex per distinct
 *   score plus the origin, so tied scores move FPR and TPR together (a diagonal segment).
 * - NaN scores are treated as −∞ (never flagged until the last vertex).
 * - AUC is the trapezoid area under the vertices, which equals the Mann–Whitney
 *   probability P(score⁺ > score⁻) + ½ P(score⁺ = score⁻).
 * - TPR at a target FPR is the largest TPR among vertices with FPR ≤ target, with no
 *   interpolation: a rate some deterministic threshold actually achieves, as LiRA
 *   reports it. With fewer than 1/target negatives only FPR = 0 qualifies, so such
 *   values must be read together with the number of negatives.
 * - Balanced accuracy is ½(TPR + 1 − FPR) maximised over the vertices. Choosing the
 *   threshold on the scored data makes it optimistic by O(1/√n); it is never below 0.5.
 */
export interface RocCurve {
  /** False-positive rate of each vertex, non-decreasing from 0 to 1. */
  fpr: Float64Array;
  /** True-positive rate of each vertex, non-decreasing from 0 to 1. */
  tpr: Float64Array;
  /** Vertex i flags scores ≥ thresholds[i]; thresholds[0] = +∞ (flags nothing). */
  thresholds: Float64Array;
}

/** A JSON-friendly curve for charts. */
export interface RocPoints {
  fpr: number[];
  tpr: number[];
}

const orMinusInfinity = (x: number) => (Number.isNaN(x) ? -Infinity : x);

/** The ROC curve of positive and negative scores (both non-empty). */
export function rocCurve(positives: ArrayLike<number>, negatives: ArrayLike<number>): RocCurve {
  const nPos = positives.length;
  const nNeg = negatives.length;
  if (nPos === 0 || nNeg === 0) throw new RangeError('rocCurve: needs positives and negatives');
  const scores = new Float64Array(nPos + nNeg);
  for (let i = 0; i < nPos; i++) scores[i] = orMinusInfinity(positives[i]);
  for (let i = 0; i < nNeg; i++) scores[nPos + i] = orMinusInfinity(negatives[i]);
  const order = Uint32Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);

  const fpr = [0];
  const tpr = [0];
  const thresholds = [Infinity];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; k++) {
    const idx = order[k];
    if (idx < nPos) tp++;
    else fp++;
    const next = k + 1 < order.length ? scores[order[k + 1]] : NaN;
    if (next !== scores[idx]) {
      fpr.push(fp / nNeg);
      tpr.push(tp / nPos);
      thresholds.push(scores[idx]);
    }
  }
  return { fpr: Float64Array.from(fpr), tpr: Float64Array.from(tpr), thresholds: Float64Array.from(thresholds) };
}

/** Trapezoid area under the curve (= the Mann–Whitney probability, ties counted half). */
export function rocAuc(curve: RocCurve): number {
  let area = 0;
  for (let i = 1; i < curve.fpr.length; i++) {
    area += (curve.fpr[i] - curve.fpr[i - 1]) * (curve.tpr[i] + curve.tpr[i - 1]) * 0.5;
  }
  return area;
}

/** Index of the last vertex with FPR ≤ target (vertex 0 has FPR 0, so at least 0). */
function lastIndexAtOrBelow(fpr: Float64Array, target: number): number {
  let lo = 0;
  let hi = fpr.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (fpr[mid] <= target) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Largest TPR over vertices with FPR ≤ maxFpr (no interpolation; see the file comment). */
export function tprAtFpr(curve: RocCurve, maxFpr: number): number {
  return curve.tpr[lastIndexAtOrBelow(curve.fpr, maxFpr)];
}

/** Best ½(TPR + TNR) over thresholds, and the threshold achieving it (first best). */
export function bestBalancedAccuracy(curve: RocCurve): { balancedAccuracy: number; threshold: number } {
  let best = -1;
  let threshold = Infinity;
  for (let i = 0; i < curve.fpr.length; i++) {
    const ba = 0.5 * (curve.tpr[i] + 1 - curve.fpr[i]);
    if (ba > best) {
      best = ba;
      threshold = curve.thresholds[i];
    }
  }
  return { balancedAccuracy: best, threshold };
}

/**
 * At most `maxPoints` vertices for a chart, keeping the ends and, for each FPR on a grid
 * that is half log-spaced in [1e-4, 1] (MIA curves are read on log axes) and half linear,
 * the last vertex at or below it and the vertex after it, so that steps stay steps.
 */
export function downsampleRoc(curve: RocCurve, maxPoints = 200): RocPoints {
  const n = curve.fpr.length;
  const keep = new Set<number>([0, n - 1]);
  if (n <= maxPoints) {
    for (let i = 0; i < n; i++) keep.add(i);
  } else {
    const perGrid = Math.max(1, Math.floor((maxPoints - 2) / 4));
    const grid: number[] = [];
    for (let k = 0; k < perGrid; k++) {
      grid.push(10 ** (-4 + (4 * k) / Math.max(1, perGrid - 1)));
      grid.push(k / Math.max(1, perGrid - 1));
    }
    for (const g of grid) {
      const i = lastIndexAtOrBelow(curve.fpr, g);
      keep.add(i);
      keep.add(Math.min(i + 1, n - 1));
    }
  }
  const idx = [...keep].sort((a, b) => a - b);
  return { fpr: idx.map((i) => curve.fpr[i]), tpr: idx.map((i) => curve.tpr[i]) };
}
