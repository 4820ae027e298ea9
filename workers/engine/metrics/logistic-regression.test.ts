import { describe, expect, it } from 'vitest';
import { fitLogistic, predictClass, predictProbability } from './logistic-regression';

describe('fitLogistic', () => {
  it('satisfies the penalised score equations at the optimum', () => {
    // At the optimum: Σ (p_i − y_i) = 0 (intercept) and Σ (p_i − y_i) z_i + w = 0 (slope, C = 1).
    const x = [0.1, 0.4, 0.35, 0.8, 0.6, 1.2, 0.9, 1.5, 0.2, 1.1];
    const y = Uint8Array.from([0, 0, 0, 1, 0, 1, 1, 1, 1, 0]);
    const m = fitLogistic(x, y);
    let gb = 0;
    let gw = m.weight;
    x.forEach((v, i) => {
      const r = predictProbability(m, v) - y[i];
      gb += r;
      gw += r * ((v - m.center) / m.scale);
    });
    expect(Math.abs(gb)).toBeLessThan(1e-8);
    expect(Math.abs(gw)).toBeLessThan(1e-8);
    expect(m.weight).toBeGreaterThan(0);
  });

  it('stays finite on separable data and classifies it', () => {
    const x = [0, 1, 2, 3, 10, 11, 12, 13];
    const y = Uint8Array.from([0, 0, 0, 0, 1, 1, 1, 1]);
    const m = fitLogistic(x, y);
    expect(Number.isFinite(m.weight)).toBe(true);
    expect(x.map((v) => predictClass(m, v))).toEqual(Array.from(y));
  });

  it('falls back to the class prior for a constant feature', () => {
    const m = fitLogistic([5, 5, 5, 5], Uint8Array.from([1, 1, 1, 0]));
    expect(m.weight).toBe(0);
    expect(predictProbability(m, 5)).toBeCloseTo(0.75, 8);
  });
});
