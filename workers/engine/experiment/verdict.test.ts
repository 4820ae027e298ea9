import { describe, expect, test } from 'vitest';
import type { ExperimentResults, MethodResult } from './results';
import { aucStandardError, bootstrapP95Upper, verdictOf } from './verdict';

/** A results file with just what the verdict reads: forget-set KLoM, AUC, validation accuracy, cost. */
function results(methods: { id: string; klom: number; auc: number; validation?: number; status?: string }[], floor = 1): ExperimentResults {
  const F = 100;
  // Per-point KLoM whose p95 is exactly `v`: 95% of points below it, the rest at it.
  const perPoint = (v: number) => Array.from({ length: F }, (_, i) => (i < 90 ? v * 0.5 : v));
  const klomGroup = (v: number) => ({ perPoint: perPoint(v), summary: { mean: v / 2, median: v / 2, p95: v, p99: v, max: v } });
  const oracleAcc = Array.from({ length: 32 }, (_, i) => 0.8 + (i % 2 ? 0.005 : -0.005));
  return {
    points: { forget: Array.from({ length: F }, (_, i) => i), retain: [], validation: [] },
    reference: { originals: null, oracles: { accuracy: { forget: [], retain: [], validation: oracleAcc } }, secondOracles: null, noiseFloor: { forget: klomGroup(floor), retain: klomGroup(floor), validation: klomGroup(floor) } },
    methods: methods.map((m) => ({
      id: m.id,
      label: m.id.toUpperCase(),
      status: m.status ?? 'ok',
      notes: [],
      cost: { seconds: 1, relativeToRetrain: 0.1 },
      outputs: { accuracy: { forget: [0.5], retain: [0.9], validation: [m.validation ?? 0.8] } },
      evaluation: { klom: { forget: klomGroup(m.klom) }, ulira: { status: 'ok', auc: m.auc } },
    })) as unknown as MethodResult[],
  } as unknown as ExperimentResults;
}

describe('thresholds', () => {
  test('Hanley–McNeil at AUC 0.5 with n a side is sqrt((1/4 + (n − 1)/6) / n²)', () => {
    for (const n of [10, 100, 1000]) expect(aucStandardError(0.5, n, n)).toBeCloseTo(Math.sqrt((0.25 + (n - 1) / 6) / (n * n)), 12);
  });

  test('the bootstrap upper end of a p95 sits at or above the p95, and equals it for a constant sample', () => {
    expect(bootstrapP95Upper(new Array(50).fill(2))).toBe(2);
    const xs = Array.from({ length: 200 }, (_, i) => i / 200);
    const upper = bootstrapP95Upper(xs);
    expect(upper).toBeGreaterThanOrEqual(0.94);
    expect(upper).toBeLessThan(1);
  });
});

describe('verdictOf', () => {
  const r = results([
    { id: 'none', klom: 10, auc: 0.9 },
    { id: 'retrain', klom: 1, auc: 0.5 },
    { id: 'ga', klom: 9.5, auc: 0.85 },
    { id: 'dmm', klom: 1, auc: 0.52 },
    { id: 'ft', klom: 4, auc: 0.7, validation: 0.7 },
    { id: 'rl', klom: 1, auc: 0.75 },
    { id: 'om', klom: 3, auc: 0.53 },
    { id: 'scrub', klom: NaN, auc: NaN, status: 'diverged' },
  ]);
  const v = verdictOf(r);
  const by = (id: string) => v.methods.find((m) => m.id === id)!;

  test('each case gets the verdict its numbers call for', () => {
    expect(by('dmm').kind).toBe('indistinguishable');
    expect(by('rl').kind).toBe('attack-detects');
    expect(by('om').kind).toBe('outputs-differ');
    expect(by('ft').kind).toBe('detectable');
    expect(by('ga').kind).toBe('not-forgotten');
    expect(by('scrub').kind).toBe('failed');
    expect(by('retrain').kind).toBe('target');
    expect(by('none').kind).toBe('baseline');
  });

  test('a 10 pp drop in validation accuracy is called out; a method at Retrain\'s accuracy is not', () => {
    expect(by('ft').hurtAccuracy).toBe(true);
    expect(by('ft').sentence).toMatch(/hurt accuracy \(validation 10\.0 pp below Retrain\)/);
    expect(by('dmm').hurtAccuracy).toBe(false);
  });

  test('ranked by KLoM then AUC; Retrain, Do nothing and failed methods are not ranked; the headline names the first', () => {
    expect(v.ranking).toEqual(['DMM', 'RL', 'OM', 'FT', 'GA']);
    expect(by('retrain').rank).toBeNull();
    expect(by('scrub').rank).toBeNull();
    expect(v.headline).toBe('Closest to Retrain: DMM, then RL and OM. Indistinguishable from Retrain: DMM.');
  });

  test('the AUC threshold for 100 forget points is 0.5 + 2 × 0.0409', () => {
    expect(v.thresholds.aucDetectable).toBeCloseTo(0.5 + 2 * Math.sqrt((0.25 + 99 / 6) / 1e4), 10);
  });
});

describe('the measured reason a datamodel method falls short', () => {
  test('names what its attribution predicted: forget accuracy and the size of the margin change', () => {
    const r = results([
      { id: 'retrain', klom: 1, auc: 0.5 },
      { id: 'dmm', klom: 9, auc: 0.99 },
    ]);
    (r.reference.oracles!.accuracy as { forget: number[] }).forget = [0.05, 0.05];
    r.methods[1].attributionCheck = {
      estimator: 'group-newton',
      predictedAccuracy: { forget: 0.953, retain: 0.7, validation: 0.45 },
      groupRemoval: { all: 0.98, forget: 0.92, retain: 0.5, validation: 0.5, forgetShift: { predicted: -1.48, actual: -8.47 } },
    } as never;
    const s = verdictOf(r).methods[1].sentence;
    expect(s).toContain('its group-newton attribution predicted 95.3% forget accuracy where retrained models have 5.0%');
    expect(s).toContain('it predicted the forget margins to move by -1.48 where retraining moves them by -8.47');
  });
});

describe('where a method short of Retrain is off', () => {
  // 1/64 grid: the shift back to the oracles' means is exact, so it reads 0
  function withMargins(methods: { id: string; klom: number; auc: number }[], own: (oracle: number[][]) => number[][], originals: (oracle: number[][]) => number[][]) {
    const r = results(methods);
    const points = r.points.forget.length;
    const oracle = Array.from({ length: 16 }, (_, m) => Array.from({ length: points }, (_, i) => ((m * 7 + i * 3) % 23) / 64));
    (r.reference as unknown as { oracles: { margins: { forget: number[][] } } }).oracles.margins = { forget: oracle };
    (r.reference as unknown as { originals: { margins: { forget: number[][] } } }).originals = { margins: { forget: originals(oracle) } };
    (r.methods[1].outputs as unknown as { margins: { forget: number[][] } }).margins = { forget: own(oracle) };
    return verdictOf(r).methods[1];
  }

  test('margins shifted from the oracles’ by a constant per point are said to sit in the wrong place', () => {
    const ga = withMargins([{ id: 'retrain', klom: 1, auc: 0.5 }, { id: 'ga', klom: 9, auc: 0.9 }], (o) => o.map((row) => row.map((v) => v - 3)), (o) => o);
    expect(ga.klomDiagnosis!.withOracleMeans).toBe(0);
    expect(ga.sentence).toContain("off in where each point lands: KLoM 0.00 with Retrain's per-point means");
  });

  test('margins that fall well past Retrain’s, away from Do nothing’s, went past Retrain', () => {
    const v = withMargins([{ id: 'retrain', klom: 1, auc: 0.5 }, { id: 'gd', klom: 9, auc: 0.9 }], (o) => o.map((row) => row.map((x) => x - 3)), (o) => o.map((row) => row.map((x) => x + 2)));
    expect(v.kind).toBe('overshot');
    expect(v.sentence).toMatch(/^went past Retrain \(KLoM 9\.00, 9\.00× the floor\): its forget margins average -2\.83 where Retrain's average 0\.17 and Do nothing's 2\.17/);
    // the same distance on Do nothing's side is not forgetting enough, not going past
    const short = withMargins([{ id: 'retrain', klom: 1, auc: 0.5 }, { id: 'gd', klom: 9, auc: 0.9 }], (o) => o.map((row) => row.map((x) => x + 1)), (o) => o.map((row) => row.map((x) => x + 2)));
    expect(short.kind).not.toBe('overshot');
  });

  test('models that scatter far more widely than Retrain’s are never within the floor, however low their KLoM', () => {
    const stretch = (o: number[][]) => {
      const mean = o[0].map((_, i) => o.reduce((s, row) => s + row[i], 0) / o.length);
      return o.map((row) => row.map((x, i) => mean[i] + 5 * (x - mean[i])));
    };
    const v = withMargins([{ id: 'retrain', klom: 1, auc: 0.5 }, { id: 'gd', klom: 1, auc: 0.5 }], stretch, (o) => o.map((row) => row.map((x) => x + 2)));
    expect(v.klomDiagnosis!.spreadRatio).toBeCloseTo(5, 6);
    expect(v.kind).not.toBe('indistinguishable');
    expect(v.sentence).toContain("its models scatter 5.0× as widely as Retrain's on the forget points");
    // a spread like a second oracle ensemble's changes nothing
    const same = withMargins([{ id: 'retrain', klom: 1, auc: 0.5 }, { id: 'dmm', klom: 1, auc: 0.5 }], (o) => o.map((row) => row.slice()), (o) => o.map((row) => row.map((x) => x + 2)));
    expect(same.kind).toBe('indistinguishable');
  });
});
