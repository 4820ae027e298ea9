import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng';
import { klomDiagnosis } from './klom-diagnosis';
import { stackRows } from './margin-matrix';

// Oracle margins on a 1/64 grid and 32 models: every mean, shift and halving below is exact
// in floating point, so "reads 0" is exactly 0, not a bin edge away from it.
const MODELS = 32;
const POINTS = 40;
const rng = new Rng(7);
const oracle = Array.from({ length: MODELS }, () => Array.from({ length: POINTS }, () => Math.round(rng.normal() * 64) / 64));
const pointMean = (rows: number[][], i: number) => rows.reduce((s, r) => s + r[i], 0) / rows.length;
const matrix = (rows: number[][]) => stackRows(rows, POINTS);

describe('klomDiagnosis', () => {
  it('reads 0 with the oracles’ means when the margins are the oracles’ moved by a constant per point', () => {
    const shifted = oracle.map((row) => row.map((v, i) => v + 2 + (i % 5)));
    const d = klomDiagnosis(matrix(shifted), matrix(oracle));
    expect(d.p95).toBeGreaterThan(1);
    expect(d.withOracleMeans).toBe(0);
    expect(d.meanMargin - d.oracleMeanMargin).toBeCloseTo(4, 12); // 2 + the mean of i % 5 over 40 points
    expect(d.spreadRatio).toBe(1);
    // its spread is already the oracles': scaling it changes nothing
    expect(d.withOracleSpread).toBeCloseTo(d.p95, 12);
  });

  it('reads 0 with the oracles’ spread when the margins are the oracles’ stretched about their means', () => {
    const stretched = oracle.map((row) => row.map((v, i) => pointMean(oracle, i) + 2 * (v - pointMean(oracle, i))));
    const d = klomDiagnosis(matrix(stretched), matrix(oracle));
    expect(d.p95).toBeGreaterThan(0.5);
    expect(d.withOracleSpread).toBe(0);
    expect(d.withOracleMeans).toBeCloseTo(d.p95, 12);
    expect(d.spreadRatio).toBe(2);
    expect(d.meanMargin).toBeCloseTo(d.oracleMeanMargin, 12);
  });

  it('leaves a point whose margins are all equal as it is', () => {
    const flat = oracle.map(() => Array.from({ length: POINTS }, () => 5));
    const d = klomDiagnosis(matrix(flat), matrix(oracle));
    expect(d.withOracleSpread).toBeCloseTo(d.p95, 12);
    expect(Number.isFinite(d.withOracleMeans)).toBe(true);
  });
});
