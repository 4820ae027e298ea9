import { describe, expect, test } from 'vitest';
import { classAccuracy, labelLevels, quantile, rowFractions } from './chart-data';

describe('quantile', () => {
  test('interpolates linearly between sorted values (type 7)', () => {
    expect(quantile([0, 10], 0.25)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(quantile([1, 2, 3, 4, 5], 1)).toBe(5);
    expect(Number.isNaN(quantile([], 0.5))).toBe(true);
  });
});

describe('labelLevels', () => {
  const at = (x: number, y: number, width = 0.1) => ({ x, y, width });
  test('labels far apart all sit on the first line', () => {
    expect(labelLevels([at(0, 0.5), at(0.5, 0.5), at(1, 0.5)], 0.02)).toEqual([0, 0, 0]);
  });
  test('a label climbs until its box is clear of every label placed before it', () => {
    // Given out of order on purpose: placement goes left to right.
    const points = [at(0.33, 0.5), at(0.3, 0.5), at(0.35, 0.505), at(0.6, 0.5)];
    // 0.3 → line 0; 0.33 hits it → line 1 (y 0.52); 0.35 hits line 0 (0.505) and line 1
    // (0.525 vs 0.52) → line 2 (0.545); 0.6 is clear of all.
    expect(labelLevels(points, 0.02)).toEqual([1, 0, 2, 0]);
  });
  test('a dot lower down can keep the first line when the label above it is far enough', () => {
    expect(labelLevels([at(0.3, 0.6), at(0.32, 0.5)], 0.02)).toEqual([0, 0]);
  });
  test('wide labels collide where narrow ones at the same places would not', () => {
    expect(labelLevels([at(0.3, 0.5, 0.04), at(0.35, 0.5, 0.04)], 0.02)).toEqual([0, 0]);
    expect(labelLevels([at(0.3, 0.5, 0.2), at(0.35, 0.5, 0.2)], 0.02)).toEqual([0, 1]);
  });
});

describe('class-wise accuracy from a confusion matrix', () => {
  test('is the diagonal over the row total, null for a class with no points', () => {
    const confusion = [
      [3, 1, 0],
      [0, 0, 0],
      [1, 1, 2],
    ];
    expect(classAccuracy(confusion)).toEqual([0.75, null, 0.5]);
    expect(rowFractions(confusion)).toEqual([
      [0.75, 0.25, 0],
      [0, 0, 0],
      [0.25, 0.25, 0.5],
    ]);
    expect(classAccuracy(undefined)).toEqual([]);
  });
});
