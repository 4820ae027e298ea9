import { clipMargin } from './clip';
import { assertSamePoints, type MarginMatrix } from './margin-matrix';
import { summarize, type Summary } from './summary';

/**
 * KLoM, "KL divergence of margins", the Datamodel Matching paper's metric
 * (algorithms.md, "Evaluation"): for one point, the N margins of the unlearned models
 * and the N′ margins of the oracles are binned on one shared histogram and compared with
 * KL(unlearned ‖ oracle). Lower is better; the direction matters (mass the unlearned
 * models put where no oracle goes is what is penalised).
 *
 * Recipe, per point:
 * 1. Clip every margin to [−100, 100] (NaN → −100, see ./clip.ts).
 * 2. 20 equal-width bins over [min, max] of the union of both samples. Every value falls
 *    in a bin: the last bin is closed on the right (as numpy.histogram does). The
 *    reference code's `np.digitize` drops values equal to the maximum, an off-by-one we
 *    do not copy. If all values are equal, both histograms are one spike and KL = 0.
 * 3. p = unlearned bin frequencies, q = oracle bin frequencies.
 * 4. Floor q at 1e-5 in the bins where p > 0 (the only bins that enter the sum), then
 *    renormalise q to sum to 1. This is exactly what the paper's reference code computes
 *    (data-unlearning-bench, `compute_binned_KL_div`): it floors q where p > 0 and calls
 *    `scipy.stats.entropy(p, q)`, which normalises its arguments. So identical samples
 *    give exactly 0. (An earlier version of that code floored q in every bin, which adds
 *    log(1 + 1e-5 · #empty bins) ≤ 2e-4 even for identical samples; not renormalising at
 *    all would differ from both by at most the same amount.)
 * 5. KL(p ‖ q) = Σ_{bins with p > 0} p log(p / q), in nats.
 *
 * With N of 10–100 models, KLoM has a positive small-sample bias even for exact
 * unlearning; compare against the oracle-vs-oracle noise floor (./noise-floor.ts).
 */
export const KLOM_BINS = 20;
export const KLOM_Q_FLOOR = 1e-5;

/** KLoM of one point from its unlearned and oracle margin samples (non-empty). */
export function klomOfSamples(unlearned: ArrayLike<number>, oracle: ArrayLike<number>): number {
  const nu = unlearned.length;
  const no = oracle.length;
  if (nu === 0 || no === 0) throw new RangeError('klom: empty sample');
  const u = Float64Array.from(unlearned, clipMargin);
  const o = Float64Array.from(oracle, clipMargin);
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of u) { if (x < lo) lo = x; if (x > hi) hi = x; }
  for (const x of o) { if (x < lo) lo = x; if (x > hi) hi = x; }
  if (!(hi > lo)) return 0;

  const width = (hi - lo) / KLOM_BINS;
  const binOf = (x: number) => Math.min(KLOM_BINS - 1, Math.floor((x - lo) / width));
  const p = new Float64Array(KLOM_BINS);
  const q = new Float64Array(KLOM_BINS);
  for (const x of u) p[binOf(x)]++;
  for (const x of o) q[binOf(x)]++;

  let qSum = 0;
  for (let b = 0; b < KLOM_BINS; b++) {
    p[b] /= nu;
    q[b] /= no;
    if (p[b] > 0 && q[b] < KLOM_Q_FLOOR) q[b] = KLOM_Q_FLOOR;
    qSum += q[b];
  }
  let kl = 0;
  for (let b = 0; b < KLOM_BINS; b++) {
    if (p[b] > 0) kl += p[b] * Math.log((p[b] * qSum) / q[b]);
  }
  return kl;
}

/**
 * KLoM of every point: column `i` of `unlearned` (its N unlearned models) against
 * column `i` of `oracle` (its N′ oracles). The model counts may differ.
 */
export function klomPerPoint(unlearned: MarginMatrix, oracle: MarginMatrix): Float64Array {
  assertSamePoints(unlearned, oracle, 'klomPerPoint');
  const points = unlearned.points;
  const out = new Float64Array(points);
  const u = new Float64Array(unlearned.models);
  const o = new Float64Array(oracle.models);
  for (let i = 0; i < points; i++) {
    for (let k = 0; k < unlearned.models; k++) u[k] = unlearned.values[k * points + i];
    for (let k = 0; k < oracle.models; k++) o[k] = oracle.values[k * points + i];
    out[i] = klomOfSamples(u, o);
  }
  return out;
}

/** KLoM of one group of points, JSON-ready: per-point values and their summary. */
export interface KlomGroup {
  perPoint: number[];
  summary: Summary;
}

/** {@link klomPerPoint} plus {@link summarize}; the group must have at least one point. */
export function klomGroup(unlearned: MarginMatrix, oracle: MarginMatrix): KlomGroup {
  const perPoint = klomPerPoint(unlearned, oracle);
  return { perPoint: Array.from(perPoint), summary: summarize(perPoint) };
}
