/**
 * Distribution summary of per-point metric values. algorithms.md asks for KLoM's 95th
 * percentile per group, "and mean, median, 99th"; we add the max.
 *
 * Percentiles use linear interpolation between closest ranks (Hyndman–Fan type 7, the
 * default of numpy.percentile, which the paper's code uses): for sorted x_0 ≤ … ≤ x_{n−1}
 * and fraction q, h = (n − 1)·q and the value is x_⌊h⌋ + (h − ⌊h⌋)(x_⌊h⌋+1 − x_⌊h⌋).
 */
export interface Summary {
  mean: number;
  median: number;
  p95: number;
  p99: number;
  max: number;
}

/** The q-quantile (q ∈ [0, 1]) of already sorted values, by linear interpolation (type 7). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('quantile of an empty sample');
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile: q = ${q} outside [0, 1]`);
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Mean, median, 95th and 99th percentiles and max. Throws on an empty sample. */
export function summarize(values: ArrayLike<number>): Summary {
  const n = values.length;
  if (n === 0) throw new RangeError('summarize: empty sample');
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i];
  return {
    mean: sum / n,
    median: quantileSorted(sorted, 0.5),
    p95: quantileSorted(sorted, 0.95),
    p99: quantileSorted(sorted, 0.99),
    max: sorted[n - 1],
  };
}
