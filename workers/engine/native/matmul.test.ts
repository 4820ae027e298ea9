import { describe, expect, it } from 'vitest';
import { nativeKernelsSupported } from './kernels';
import { nativeMatMul } from './matmul';

describe('native matmul', () => {
  it('equals the plain product, with a column count that is not a multiple of the panels’ 8', () => {
    expect(nativeKernelsSupported()).toBe(true);
    const rows = 30, k = 21, cols = 13;
    const a = Float32Array.from({ length: rows * k }, (_, i) => Math.sin(i));
    const b = Float32Array.from({ length: k * cols }, (_, i) => Math.cos(3 * i));
    const c = nativeMatMul(a, rows, k, b, cols)!;
    expect(c.length).toBe(rows * cols);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        let want = 0;
        for (let q = 0; q < k; q++) want += a[i * k + q] * b[q * cols + j];
        expect(c[i * cols + j]).toBeCloseTo(want, 4);
      }
    }
  });
});
