/**
 * Univariate Gaussian helpers: the per-point fits of U-LiRA (./ulira.ts) and the
 * analytic references the tests compare against.
 */

export interface GaussianFit {
  mean: number;
  variance: number;
}

/**
 * Mean and unbiased variance (n − 1) of a sample, the variance raised to at least
 * `varianceFloor` so that a sample of identical values (e.g. margins all clipped at 100)
 * still gives a proper density. A single value gets the floor as its variance.
 */
export function fitGaussian(sample: ArrayLike<number>, varianceFloor: number): GaussianFit {
  const n = sample.length;
  if (n === 0) throw new RangeError('fitGaussian: empty sample');
  let mean = 0;
  for (let i = 0; i < n; i++) mean += sample[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (sample[i] - mean) ** 2;
  const variance = n > 1 ? ss / (n - 1) : 0;
  return { mean, variance: Math.max(variance, varianceFloor) };
}

const LOG_2PI = Math.log(2 * Math.PI);

/** log N(x; mean, variance). */
export function logNormalPdf(x: number, mean: number, variance: number): number {
  return -0.5 * (LOG_2PI + Math.log(variance) + ((x - mean) * (x - mean)) / variance);
}

/**
 * Complementary error function, Chebyshev-fitted (Numerical Recipes `erfcc`),
 * relative error below 1.2e-7 everywhere: ample for reference values in tests and UI.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
        t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Standard normal CDF Φ(x). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}
