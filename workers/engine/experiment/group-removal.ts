/**
 * How well an estimator predicted THIS forget set's removal: the correlation, over every
 * evaluated point, between the predicted and the actual change of the ensemble-mean
 * margin when the forget set is removed (predicted oracles − originals vs oracles −
 * originals). LDS asks the same of random α-subsets; a coherent group (a cluster, a
 * class, a mislabeled set) is where first-order scores fall short, and this is measured
 * on it, for free: the oracles are trained anyway.
 */
import { pearson } from '../attribution/linalg';
import { GROUPS, type ByGroup } from '../metrics/by-group';
import type { MarginMatrix } from '../metrics/margin-matrix';

export interface GroupRemovalScore {
  /** Pearson r over forget ∪ retain sample ∪ validation points. */
  all: number;
  /** The same within each group (NaN for a group with no spread). */
  forget: number;
  retain: number;
  validation: number;
  /** Mean predicted vs actual margin change on the forget set (how far removal moves it). */
  forgetShift: { predicted: number; actual: number };
}

function columnMeans(m: MarginMatrix): Float64Array {
  const out = new Float64Array(m.points);
  for (let r = 0; r < m.models; r++) for (let p = 0; p < m.points; p++) out[p] += m.values[r * m.points + p];
  for (let p = 0; p < m.points; p++) out[p] /= m.models;
  return out;
}

export function groupRemovalScore(predicted: ByGroup<MarginMatrix>, originals: ByGroup<MarginMatrix>, oracles: ByGroup<MarginMatrix>): GroupRemovalScore {
  const deltas = GROUPS.map((g) => {
    const base = columnMeans(originals[g]);
    const p = columnMeans(predicted[g]).map((v, i) => v - base[i]);
    const a = columnMeans(oracles[g]).map((v, i) => v - base[i]);
    return { p, a };
  });
  const concat = (k: 'p' | 'a') => Float64Array.from(deltas.flatMap((d) => Array.from(d[k])));
  const mean = (xs: Float64Array) => xs.reduce((s, v) => s + v, 0) / Math.max(1, xs.length);
  return {
    all: pearson(concat('p'), concat('a')),
    forget: pearson(deltas[0].p, deltas[0].a),
    retain: pearson(deltas[1].p, deltas[1].a),
    validation: pearson(deltas[2].p, deltas[2].a),
    forgetShift: { predicted: mean(deltas[0].p), actual: mean(deltas[0].a) },
  };
}
