import { klomPerPoint } from './klom';
import type { MarginMatrix } from './margin-matrix';
import { summarize } from './summary';

/**
 * What a method's forget KLoM is made of. KLoM compares, point by point, the spread of the
 * unlearned models' margins with the oracles'; a method can be off because each point's
 * margins sit in the wrong place (their mean across models) or because they spread too
 * narrowly or widely around it. The two are told apart by fixing one and re-reading p95:
 *
 * - `withOracleMeans`: each point's unlearned margins moved so that their mean is the
 *   oracles' (their own spread kept);
 * - `withOracleSpread`: each point's deviations from its own mean scaled to the oracles'
 *   standard deviation (its own mean kept).
 *
 * Whichever falls further is where the method is off. Known answers: margins that differ
 * from the oracles' by a constant per point read 0 with the oracles' means; margins that are
 * the oracles' stretched about their mean read 0 with the oracles' spread.
 */
export interface KlomDiagnosis {
  p95: number;
  withOracleMeans: number;
  withOracleSpread: number;
  /** The forget margins' mean over points and models: the method's and the oracles'. */
  meanMargin: number;
  oracleMeanMargin: number;
  /**
   * The median over points of (the method's spread across models) / (the oracles'). Two
   * oracle ensembles give about 1. Far above 1 flatters KLoM: its bins span the union of
   * both samples, so a method whose models scatter widely gets coarse bins that the
   * oracles' few bins sit inside.
   */
  spreadRatio: number;
}

function columnStats(m: MarginMatrix): { mean: Float64Array; sd: Float64Array } {
  const mean = new Float64Array(m.points);
  const sd = new Float64Array(m.points);
  for (let k = 0; k < m.models; k++) for (let i = 0; i < m.points; i++) mean[i] += m.values[k * m.points + i] / m.models;
  for (let k = 0; k < m.models; k++) for (let i = 0; i < m.points; i++) sd[i] += (m.values[k * m.points + i] - mean[i]) ** 2 / m.models;
  for (let i = 0; i < m.points; i++) sd[i] = Math.sqrt(sd[i]);
  return { mean, sd };
}

function mapValues(m: MarginMatrix, f: (value: number, point: number) => number): MarginMatrix {
  const values = new Float32Array(m.values.length);
  for (let k = 0; k < m.models; k++) for (let i = 0; i < m.points; i++) values[k * m.points + i] = f(m.values[k * m.points + i], i);
  return { ...m, values };
}

const p95Of = (perPoint: Float64Array) => summarize(perPoint).p95;

/** `p95`: the method's own forget KLoM p95, where its evaluation already has it (computed here otherwise). */
export function klomDiagnosis(unlearned: MarginMatrix, oracle: MarginMatrix, p95 = p95Of(klomPerPoint(unlearned, oracle))): KlomDiagnosis {
  const u = columnStats(unlearned);
  const o = columnStats(oracle);
  const withOracleMeans = mapValues(unlearned, (v, i) => v - u.mean[i] + o.mean[i]);
  // a point whose unlearned margins are all equal has no spread to scale: it keeps its spike
  const withOracleSpread = mapValues(unlearned, (v, i) => (u.sd[i] > 0 ? u.mean[i] + ((v - u.mean[i]) * o.sd[i]) / u.sd[i] : v));
  return {
    p95,
    withOracleMeans: p95Of(klomPerPoint(withOracleMeans, oracle)),
    withOracleSpread: p95Of(klomPerPoint(withOracleSpread, oracle)),
    meanMargin: summarize(u.mean).mean,
    oracleMeanMargin: summarize(o.mean).mean,
    spreadRatio: summarize(u.sd.map((sd, i) => (o.sd[i] > 0 ? sd / o.sd[i] : sd > 0 ? Infinity : 1))).median,
  };
}
