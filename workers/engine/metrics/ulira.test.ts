import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng';
import { normalCdf } from './gaussian';
import { stackRows } from './margin-matrix';
import { gaussianMargins, pointMeans } from './test-support';
import { ulira, uliraScores } from './ulira';

describe('ulira', () => {
  it('reaches the analytic AUC of the likelihood-ratio test for equal variances', () => {
    // Unlearned margins ~ N(μ_p + 1, 1), oracle ~ N(μ_p, 1), with μ_p differing per point.
    // For equal variances the LR test is a threshold on x, so AUC = Φ(|Δμ|/(σ√2)) = Φ(1/√2)
    // = 0.76025. Fitting each Gaussian on 100 models leaves variance-estimation noise that
    // makes the fitted LR slightly non-monotone: over 30 simulations (numpy, same design:
    // 50 points × 200 models per side) the AUC was 0.7572 ± 0.0033. Tolerance 0.015 =
    // that bias (0.003) + 4 sd.
    const rng = new Rng(2024);
    const means = pointMeans(rng, 50, 2, 3);
    const unlearned = gaussianMargins(rng, 200, means, 1, () => 1);
    const oracle = gaussianMargins(rng, 200, means, 1);
    const r = ulira(unlearned, oracle);
    if (r.status !== 'ok') throw new Error('expected a result');
    expect(Math.abs(r.auc - normalCdf(1 / Math.SQRT2))).toBeLessThan(0.015);
    expect(r.positives).toBe(200 * 50);
    expect(r.negatives).toBe(200 * 50);
    expect(r.roc.fpr.length).toBeLessThanOrEqual(200);
    // balanced accuracy of the best threshold ≈ Φ(Δμ/(2σ)) = Φ(0.5) = 0.691
    expect(Math.abs(r.balancedAccuracy - normalCdf(0.5))).toBeLessThan(0.02);
  });

  it('gives AUC ≈ 0.5 and balanced accuracy ≈ 0.5 for identical distributions', () => {
    // Simulated sd of the AUC here is 0.005; the best-threshold balanced accuracy is biased
    // upwards by ≈ ½·KS distance ≈ 0.01 for 10,000 scores per side. Tolerance 0.02 for both.
    const rng = new Rng(99);
    const means = pointMeans(rng, 50, 0, 3);
    const r = ulira(gaussianMargins(rng, 200, means, 1), gaussianMargins(rng, 200, means, 1));
    if (r.status !== 'ok') throw new Error('expected a result');
    expect(Math.abs(r.auc - 0.5)).toBeLessThan(0.02);
    expect(r.balancedAccuracy).toBeGreaterThanOrEqual(0.5);
    expect(r.balancedAccuracy - 0.5).toBeLessThan(0.02);
  });

  it('detects an obvious difference', () => {
    const rng = new Rng(5);
    const means = pointMeans(rng, 20, 0, 3);
    const r = ulira(gaussianMargins(rng, 16, means, 0.5, () => 5), gaussianMargins(rng, 16, means, 0.5));
    if (r.status !== 'ok') throw new Error('expected a result');
    expect(r.auc).toBe(1);
    expect(r.tprAt1PctFpr).toBe(1);
    expect(r.balancedAccuracy).toBe(1);
  });

  it('scores every model exactly once with a two-fold split', () => {
    // 5 unlearned (halves 2 + 3) and 4 oracles (2 + 2) on one point: 5 positives, 4 negatives.
    // Fold 1 fits on unlearned [0, 1] → N(1, 2), oracle [0, 1] → N(0, 2); scores model 2..4.
    const u = stackRows([[0], [2], [1], [1], [1]], 1);
    const o = stackRows([[-1], [1], [0], [0]], 1);
    const { positives, negatives } = uliraScores(u, o);
    expect(positives.length).toBe(5);
    expect(negatives.length).toBe(4);
    // equal fitted variances (2): score(x) = ((x − 0)² − (x − 1)²)/(2·2) = (2x − 1)/4
    expect(positives[0]).toBeCloseTo(0.25, 12); // x = 1
    expect(negatives[0]).toBeCloseTo(-0.25, 12); // x = 0
  });

  it('returns a typed result when there are too few models', () => {
    const m = stackRows([[0], [1], [2]], 1);
    const big = stackRows([[0], [1], [2], [3]], 1);
    expect(ulira(m, big)).toEqual({ status: 'not-enough-models', required: 4, unlearned: 3, oracle: 4 });
    expect(ulira(big, m).status).toBe('not-enough-models');
  });
});
