import { describe, expect, test } from 'vitest';
import { quantile } from './chart-data';

describe('quantile', () => {
  test('interpolates linearly between sorted values (type 7)', () => {
    expect(quantile([0, 10], 0.25)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(quantile([1, 2, 3, 4, 5], 1)).toBe(5);
    expect(Number.isNaN(quantile([], 0.5))).toBe(true);
  });
});
