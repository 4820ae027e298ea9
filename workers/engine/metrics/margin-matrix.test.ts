import { describe, expect, it } from 'vitest';
import { at, column, columnOf, marginMatrix, row, stackRows } from './margin-matrix';

describe('MarginMatrix', () => {
  // 3 models × 2 points, row-major by model
  const m = stackRows([[1, 2], [3, 4], [5, 6]], 2);

  it('reads rows, columns and cells', () => {
    expect(m.values).toEqual(new Float32Array([1, 2, 3, 4, 5, 6]));
    expect(at(m, 1, 0)).toBe(3);
    expect(Array.from(column(m, 1))).toEqual([2, 4, 6]);
    expect(column(m, 1)).toBeInstanceOf(Float64Array);
    expect(Array.from(columnOf(m, 0, 1, 3))).toEqual([3, 5]);
    expect(Array.from(row(m, 2))).toEqual([5, 6]);
  });

  it('rejects inconsistent shapes and indices', () => {
    expect(() => marginMatrix(2, 2, new Float32Array(3))).toThrow();
    expect(() => stackRows([[1, 2], [3]], 2)).toThrow();
    expect(() => column(m, 2)).toThrow();
    expect(() => row(m, 3)).toThrow();
  });
});
