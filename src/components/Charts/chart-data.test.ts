import { describe, expect, test } from 'vitest';
import { labelLevels, quantile } from './chart-data';

describe('quantile', () => {
  test('interpolates linearly between sorted values (type 7)', () => {
    expect(quantile([0, 10], 0.25)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(quantile([1, 2, 3, 4, 5], 1)).toBe(5);
    expect(Number.isNaN(quantile([], 0.5))).toBe(true);
  });
});

describe('labelLevels', () => {
  test('labels far apart all sit on the first step', () => {
    expect(labelLevels([{ x: 0, y: 0.5 }, { x: 0.5, y: 0.5 }, { x: 1, y: 0.5 }], 0.1, 0.02)).toEqual([0, 0, 0]);
  });
  test('close labels climb one step each, and a step frees up once the neighbours are past', () => {
    // Given out of order on purpose: placement goes left to right.
    const points = [{ x: 0.33, y: 0.5 }, { x: 0.3, y: 0.5 }, { x: 0.35, y: 0.51 }, { x: 0.6, y: 0.5 }];
    expect(labelLevels(points, 0.1, 0.02)).toEqual([1, 0, 2, 0]);
  });
  test('the same x at clearly different heights needs no stagger', () => {
    expect(labelLevels([{ x: 0.3, y: 0.2 }, { x: 0.3, y: 0.6 }], 0.1, 0.02)).toEqual([0, 0]);
  });
});
