import { expect, test } from 'vitest';
import type { MarginMatrix } from '../metrics/margin-matrix';
import { groupRemovalScore } from './group-removal';

const m = (rows: number[][]): MarginMatrix => ({ models: rows.length, points: rows[0].length, values: Float32Array.from(rows.flat()) });
const byGroup = (f: MarginMatrix, r: MarginMatrix, v: MarginMatrix) => ({ forget: f, retain: r, validation: v });

const originals = byGroup(m([[2, 3, 1], [2, 3, 1]]), m([[1, 1], [1, 2]]), m([[0, 1], [1, 0]]));
const oracles = byGroup(m([[-1, 0, 1], [-1, 0, 1]]), m([[1.5, 1], [1.5, 2]]), m([[0.5, 0.5], [0.5, 0.5]]));

test('a perfect prediction (or any positive multiple of the true change) scores 1', () => {
  expect(groupRemovalScore(oracles, originals, oracles).all).toBeCloseTo(1, 12);
  const doubled = byGroup(m([[-4, -3, 1], [-4, -3, 1]]), m([[2, 1], [2, 2]]), m([[1, 0], [0, 1]]));
  const s = groupRemovalScore(doubled, originals, oracles);
  expect(s.all).toBeCloseTo(1, 6);
  expect(s.forgetShift).toEqual({ predicted: -4, actual: -2 });
});

test('predicting no change has no correlation to measure (NaN), the opposite change scores −1', () => {
  expect(groupRemovalScore(originals, originals, oracles).all).toBeNaN();
  const opposite = byGroup(m([[5, 6, 1], [5, 6, 1]]), m([[0.5, 1], [0.5, 2]]), m([[-0.5, 1.5], [1.5, -0.5]]));
  expect(groupRemovalScore(opposite, originals, oracles).all).toBeCloseTo(-1, 6);
});
