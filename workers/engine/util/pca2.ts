import { PCA } from 'ml-pca';

/**
 * The first two principal components of n row vectors, as raw coordinates [n × 2] with each
 * axis's share of the total variance. The covariance [d × d] is accumulated here in typed
 * arrays (ml-pca's own NIPALS and covariance paths took 7 and 27 s on the 5,000 × 256
 * pool); its
 * eigendecomposition, the numerically delicate part, is ml-pca's (`isCovarianceMatrix`).
 *
 * Signs are fixed so that the rows flagged in `orient` (e.g. the forget set) sit on the
 * positive side of each axis: PCA's sign is arbitrary, and panels drawn side by side should
 * not flip for no reason.
 */
export function project2d(values: Float32Array, n: number, d: number, orient?: ArrayLike<number>): { xy: Float32Array; explained: [number, number] } {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += values[i * d + j] / n;
  // Xcᵀ Xc in blocks of rows held column-major, so each covariance entry is read and
  // written once per block rather than once per row (the d × d array does not stay in cache).
  const cov = new Float64Array(d * d);
  const B = 16;
  const block = new Float64Array(d * B);
  for (let i0 = 0; i0 < n; i0 += B) {
    const rows = Math.min(B, n - i0);
    for (let r = 0; r < rows; r++) for (let j = 0; j < d; j++) block[j * B + r] = values[(i0 + r) * d + j] - mean[j];
    for (let a = 0; a < d; a++) {
      const oa = a * B;
      for (let b = a; b < d; b++) {
        const ob = b * B;
        let s = 0;
        for (let r = 0; r < rows; r++) s += block[oa + r] * block[ob + r];
        cov[a * d + b] += s;
      }
    }
  }
  const matrix = Array.from({ length: d }, (_, a) => Array.from({ length: d }, (_, b) => (a <= b ? cov[a * d + b] : cov[b * d + a]) / Math.max(1, n - 1)));
  const pca = new PCA(matrix, { isCovarianceMatrix: true });
  const vectors = pca.getEigenvectors();
  const xy = new Float32Array(2 * n);
  for (let k = 0; k < 2 && k < d; k++) {
    const v = Float64Array.from({ length: d }, (_, j) => vectors.get(j, k));
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += (values[i * d + j] - mean[j]) * v[j];
      xy[2 * i + k] = s;
    }
  }
  if (orient && orient.length) {
    for (let k = 0; k < 2; k++) {
      let s = 0;
      for (let j = 0; j < orient.length; j++) s += xy[2 * orient[j] + k];
      if (s < 0) for (let i = 0; i < n; i++) xy[2 * i + k] = -xy[2 * i + k];
    }
  }
  const variance = pca.getExplainedVariance();
  return { xy, explained: [variance[0] ?? 0, variance[1] ?? 0] };
}
