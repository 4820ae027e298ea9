import { nativeKernelsSupported } from '../native/kernels';
import { workspace } from '../native/workspace';

/**
 * The small dense linear algebra the estimators need on the CPU: symmetric positive
 * definite solves of at most a few thousand unknowns (the M × M ridge kernel, TRAK's
 * D × D kernel). tfjs has no Cholesky, and these matrices are small enough that a plain
 * Float64 loop is both exact enough and fast enough. Matrices are row-major Float64Array.
 */

/**
 * In-place Cholesky factorisation A = L Lᵀ of a symmetric positive definite n × n matrix;
 * the lower triangle is overwritten with L (the upper triangle is left as it was).
 * Throws if A is not positive definite (callers add a ridge first).
 */
export function choleskyInPlace(a: Float64Array, n: number): void {
  for (let j = 0; j < n; j++) {
    const rowJ = j * n;
    let d = a[rowJ + j];
    for (let k = 0; k < j; k++) d -= a[rowJ + k] * a[rowJ + k];
    if (!(d > 0)) throw new RangeError(`cholesky: matrix not positive definite at pivot ${j} (${d})`);
    const ljj = Math.sqrt(d);
    a[rowJ + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      const rowI = i * n;
      let s = a[rowI + j];
      for (let k = 0; k < j; k++) s -= a[rowI + k] * a[rowJ + k];
      a[rowI + j] = s / ljj;
    }
  }
}

/**
 * Inverse of an SPD matrix (returns a new full symmetric matrix). Costs about n³ flops: on
 * the native kernels (wasm SIMD, ~4× faster) where available, else in JavaScript.
 */
export function spdInverse(a: Float64Array, n: number): Float64Array {
  if (nativeKernelsSupported()) return nativeSpdInverse(a, n);
  return spdInverseJs(a, n);
}

function nativeSpdInverse(a: Float64Array, n: number): Float64Array {
  const ws = workspace('linalg');
  const r = ws.layout({ a: 2 * n * n, work: 2 * n * n, inv: 2 * n * n });
  ws.f64(r.a).set(a);
  const failed = ws.k.spdInverse(r.a.ptr, n, r.work.ptr, r.inv.ptr);
  if (failed) throw new RangeError(`cholesky: matrix not positive definite at pivot ${failed - 1}`);
  return ws.f64(r.inv).slice();
}

/** The same in plain JavaScript (reference for the native kernel, and the fallback). */
export function spdInverseJs(a: Float64Array, n: number): Float64Array {
  const l = Float64Array.from(a);
  choleskyInPlace(l, n);
  // W = L⁻¹ (lower triangular), row by row: w_i = −(Σ_{k<i} l_ik w_k) / l_ii, plus 1/l_ii on
  // the diagonal. Looping k outside and j inside keeps every access on contiguous rows.
  const w = new Float64Array(n * n);
  const acc = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    acc.fill(0, 0, i);
    for (let k = 0; k < i; k++) {
      const lik = l[i * n + k];
      if (lik === 0) continue;
      const rowK = k * n;
      for (let j = 0; j <= k; j++) acc[j] += lik * w[rowK + j];
    }
    const lii = l[i * n + i];
    for (let j = 0; j < i; j++) w[i * n + j] = -acc[j] / lii;
    w[i * n + i] = 1 / lii;
  }
  // A⁻¹ = Wᵀ W = Σ_k w_kᵀ w_k (rank-one updates over W's rows), lower triangle then mirrored.
  const inv = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const rowK = k * n;
    for (let i = 0; i <= k; i++) {
      const wki = w[rowK + i];
      if (wki === 0) continue;
      const rowI = i * n;
      for (let j = 0; j <= i; j++) inv[rowI + j] += wki * w[rowK + j];
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) inv[j * n + i] = inv[i * n + j];
  return inv;
}

/**
 * Solves A X = B for SPD A (n × n) and B (n × m, row-major), returning X. A is not modified.
 */
export function spdSolve(a: Float64Array, n: number, b: Float64Array, m: number): Float64Array {
  const l = Float64Array.from(a);
  choleskyInPlace(l, n);
  const x = Float64Array.from(b);
  for (let c = 0; c < m; c++) {
    for (let i = 0; i < n; i++) {
      let s = x[i * m + c];
      for (let k = 0; k < i; k++) s -= l[i * n + k] * x[k * m + c];
      x[i * m + c] = s / l[i * n + i];
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = x[i * m + c];
      for (let k = i + 1; k < n; k++) s -= l[k * n + i] * x[k * m + c];
      x[i * m + c] = s / l[i * n + i];
    }
  }
  return x;
}

/** Sum of the diagonal. */
export function trace(a: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i * n + i];
  return s;
}

/** Ranks 1..n with ties given their average rank (what Spearman's ρ needs). */
export function ranks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((p, q) => values[p] - values[q]);
  const r = new Float64Array(n);
  for (let s = 0; s < n; ) {
    let e = s;
    while (e + 1 < n && values[order[e + 1]] === values[order[s]]) e++;
    const avg = (s + e) / 2 + 1;
    for (let k = s; k <= e; k++) r[order[k]] = avg;
    s = e + 1;
  }
  return r;
}

/** Pearson correlation; NaN when either side is constant. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  if (n !== y.length) throw new RangeError(`pearson: ${n} vs ${y.length} values`);
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
}

/** Spearman's rank correlation (Pearson on tie-averaged ranks); NaN when either side is constant. */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  return pearson(ranks(x), ranks(y));
}
