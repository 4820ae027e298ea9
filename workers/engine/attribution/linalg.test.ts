import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng';
import { pearson, ranks, spdInverse, spdSolve, spearman } from './linalg';

function randomSpd(n: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  const x = Float64Array.from({ length: n * n }, () => rng.normal());
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    let s = i === j ? 0.5 : 0;
    for (let k = 0; k < n; k++) s += x[i * n + k] * x[j * n + k];
    a[i * n + j] = s;
  }
  return a;
}

describe('linalg', () => {
  it('spdInverse gives A·A⁻¹ = I', () => {
    const n = 23;
    const a = randomSpd(n, 1);
    const inv = spdInverse(a, n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += a[i * n + k] * inv[k * n + j];
      expect(s).toBeCloseTo(i === j ? 1 : 0, 8);
    }
  });

  it('spdSolve solves several right-hand sides', () => {
    const n = 9;
    const a = randomSpd(n, 2);
    const x = Float64Array.from({ length: n * 2 }, (_, k) => k - 3);
    const b = new Float64Array(n * 2);
    for (let i = 0; i < n; i++) for (let c = 0; c < 2; c++) for (let k = 0; k < n; k++) b[i * 2 + c] += a[i * n + k] * x[k * 2 + c];
    const got = spdSolve(a, n, b, 2);
    got.forEach((g, k) => expect(g).toBeCloseTo(x[k], 8));
  });

  it('refuses a matrix that is not positive definite', () => {
    expect(() => spdInverse(Float64Array.of(1, 2, 2, 1), 2)).toThrow(/not positive definite/);
  });

  it('Spearman: ties get average ranks; monotone maps give 1; constant gives NaN', () => {
    expect(Array.from(ranks([10, 20, 20, 5]))).toEqual([2, 3.5, 3.5, 1]);
    expect(spearman([1, 2, 3, 4], [1, 8, 27, 64])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 12);
    expect(spearman([1, 2, 3], [5, 5, 5])).toBeNaN();
    // scipy.stats.spearmanr([1,2,3,4,5],[2,1,4,3,5]) = 0.8
    expect(spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])).toBeCloseTo(0.8, 12);
    expect(pearson([1, 2, 3], [2, 4, 7])).toBeCloseTo(0.9933992677987828, 12);
  });
});

describe('native SPD inverse', () => {
  it('equals the JavaScript reference to 1e-9 and gives A·A⁻¹ = I (odd sizes too)', async () => {
    const { spdInverse, spdInverseJs } = await import('./linalg');
    for (const n of [1, 2, 7, 64, 129]) {
      const a = new Float64Array(n * n);
      for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = Math.sin(3 * i + 5 * j + 1) * 0.1;
      for (let i = 0; i < n; i++) a[i * n + i] += n * 0.2 + 1;
      const inv = spdInverse(a, n);
      const ref = spdInverseJs(a, n);
      for (let k = 0; k < n * n; k++) expect(Math.abs(inv[k] - ref[k])).toBeLessThan(1e-9);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += a[i * n + k] * inv[k * n + j];
        expect(Math.abs(s - (i === j ? 1 : 0))).toBeLessThan(1e-9);
      }
    }
    expect(() => spdInverse(Float64Array.from([1, 2, 2, 1]), 2)).toThrow(/not positive definite/);
  });
});
