import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng';
import { bestBalancedAccuracy, downsampleRoc, rocAuc, rocCurve, tprAtFpr } from './roc';

describe('roc', () => {
  it('handles a perfectly separated case', () => {
    const c = rocCurve([3, 2], [1, 0]);
    expect(Array.from(c.fpr)).toEqual([0, 0, 0, 0.5, 1]);
    expect(Array.from(c.tpr)).toEqual([0, 0.5, 1, 1, 1]);
    expect(rocAuc(c)).toBe(1);
    expect(tprAtFpr(c, 0)).toBe(1);
    expect(bestBalancedAccuracy(c)).toEqual({ balancedAccuracy: 1, threshold: 2 });
  });

  it('matches a hand-built case with ties', () => {
    // positives [2, 1, 1], negatives [1, 0]. Scores descending: 2P | 1P 1P 1N | 0N.
    // Vertices: (0,0) thr ∞; (0, 1/3) thr 2; (1/2, 1) thr 1 (the tie group moves both);
    // (1, 1) thr 0. AUC = 1/2·(1/3 + 1)/2 + 1/2·1 = 5/6, and Mann–Whitney agrees:
    // of 6 pairs, 4 are ordered and 2 are ties counted ½ → 5/6.
    const c = rocCurve([2, 1, 1], [1, 0]);
    expect(Array.from(c.fpr)).toEqual([0, 0, 0.5, 1]);
    expect(Array.from(c.tpr)).toEqual([0, 1 / 3, 1, 1]);
    expect(Array.from(c.thresholds)).toEqual([Infinity, 2, 1, 0]);
    expect(rocAuc(c)).toBeCloseTo(5 / 6, 12);
    // TPR@FPR: no interpolation, the largest TPR at FPR ≤ target
    expect(tprAtFpr(c, 0)).toBeCloseTo(1 / 3, 12);
    expect(tprAtFpr(c, 0.49)).toBeCloseTo(1 / 3, 12);
    expect(tprAtFpr(c, 0.5)).toBe(1);
    // balanced accuracy per vertex: 0.5, 2/3, 0.75, 0.5 → 0.75 at threshold 1
    expect(bestBalancedAccuracy(c)).toEqual({ balancedAccuracy: 0.75, threshold: 1 });
  });

  it('gives 0 for reversed scores and 0.5 for identical ones', () => {
    expect(rocAuc(rocCurve([0, 1], [2, 3]))).toBe(0);
    const same = rocCurve([1, 1, 1], [1, 1]);
    expect(rocAuc(same)).toBe(0.5);
    expect(bestBalancedAccuracy(same).balancedAccuracy).toBe(0.5);
  });

  it('equals the Mann–Whitney probability on random tied scores', () => {
    const rng = new Rng(7);
    const pos = Array.from({ length: 300 }, () => rng.int(20) + 3);
    const neg = Array.from({ length: 200 }, () => rng.int(20));
    let wins = 0;
    for (const p of pos) for (const n of neg) wins += p > n ? 1 : p === n ? 0.5 : 0;
    expect(rocAuc(rocCurve(pos, neg))).toBeCloseTo(wins / (pos.length * neg.length), 12);
  });

  it('treats NaN scores as −∞', () => {
    expect(rocAuc(rocCurve([NaN, 5], [1, 2]))).toBeCloseTo(0.5, 12);
  });

  it('downsamples a long curve for charts', () => {
    const rng = new Rng(3);
    const pos = Array.from({ length: 5000 }, () => 1 + rng.normal());
    const neg = Array.from({ length: 5000 }, () => rng.normal());
    const c = rocCurve(pos, neg);
    const d = downsampleRoc(c, 200);
    expect(d.fpr.length).toBeLessThanOrEqual(200);
    expect(d.fpr.length).toBeGreaterThan(50);
    expect([d.fpr[0], d.tpr[0]]).toEqual([0, 0]);
    expect([d.fpr.at(-1), d.tpr.at(-1)]).toEqual([1, 1]);
    for (let i = 1; i < d.fpr.length; i++) {
      expect(d.fpr[i]).toBeGreaterThanOrEqual(d.fpr[i - 1]);
      expect(d.tpr[i]).toBeGreaterThanOrEqual(d.tpr[i - 1]);
    }
    // the area of the polyline stays close to the full AUC
    let area = 0;
    for (let i = 1; i < d.fpr.length; i++) area += (d.fpr[i] - d.fpr[i - 1]) * (d.tpr[i] + d.tpr[i - 1]) * 0.5;
    expect(Math.abs(area - rocAuc(c))).toBeLessThan(0.01);
    // short curves come back whole
    expect(downsampleRoc(rocCurve([2, 1, 1], [1, 0])).fpr).toEqual([0, 0, 0.5, 1]);
  });
});
