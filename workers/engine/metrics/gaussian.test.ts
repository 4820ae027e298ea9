import { describe, expect, it } from 'vitest';
import { fitGaussian, logNormalPdf, normalCdf } from './gaussian';

describe('gaussian helpers', () => {
  it('fits mean and unbiased variance with a floor', () => {
    expect(fitGaussian([1, 2, 3, 4], 1e-4)).toEqual({ mean: 2.5, variance: 5 / 3 });
    expect(fitGaussian([7, 7, 7], 1e-4)).toEqual({ mean: 7, variance: 1e-4 });
  });

  it('evaluates the log density', () => {
    expect(logNormalPdf(0, 0, 1)).toBeCloseTo(-0.5 * Math.log(2 * Math.PI), 12);
    expect(logNormalPdf(3, 1, 4)).toBeCloseTo(-0.5 * Math.log(8 * Math.PI) - 0.5, 12);
  });

  it('evaluates Φ against tabulated values', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 7);
    expect(normalCdf(-1.959963984540054)).toBeCloseTo(0.025, 7);
    expect(normalCdf(1 / Math.SQRT2)).toBeCloseTo(0.7602499389065233, 7);
  });
});
