import { describe, expect, test } from 'vitest';
import { classAccuracy, placeLabels, quantile, rowFractions, type LabelBox } from './chart-data';

describe('quantile', () => {
  test('interpolates linearly between sorted values (type 7)', () => {
    expect(quantile([0, 10], 0.25)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(quantile([1, 2, 3, 4, 5], 1)).toBe(5);
    expect(Number.isNaN(quantile([], 0.5))).toBe(true);
  });
});

describe('placeLabels', () => {
  const bounds = { left: 0, top: 0, right: 400, bottom: 300 };
  const opts = { height: 14, gap: 2, maxLift: 2, bounds };
  const dot = (x: number, y: number, width = 40, r = 4) => ({ x, y, r, width });
  const overlap = (a: LabelBox, b: LabelBox) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0;
  test('a lone dot gets its label on its right, centred on it, with no leader', () => {
    expect(placeLabels([dot(100, 100)], opts)).toEqual([{ box: { left: 106, right: 146, top: 93, bottom: 107 }, leader: false }]);
  });
  test('a label whose spot is taken moves to the next: above right, then below right', () => {
    const [a, b] = placeLabels([dot(100, 100), dot(130, 100)], opts);
    // a's right spot would cover b's dot, so a goes above right; b's right and above-right
    // spots are under a's label and its left spot covers a's dot, so b goes below right.
    expect(a?.box.bottom).toBeCloseTo(100 - 4 * Math.SQRT1_2 - 2);
    expect(a?.box.left).toBeCloseTo(100 + 4 * Math.SQRT1_2);
    expect(b?.box.top).toBeCloseTo(100 + 4 * Math.SQRT1_2 + 2);
    expect([a?.leader, b?.leader]).toEqual([false, false]);
  });
  test('with every near spot taken, a label is lifted with a leader line, and with none left it is left out', () => {
    const crowd = Array.from({ length: 12 }, (_, i) => dot(100 + i * 0.5, 100, 60));
    const placedLabels = placeLabels(crowd, opts);
    expect(placedLabels.some((p) => p?.leader)).toBe(true);
    expect(placedLabels.some((p) => p === null)).toBe(true);
  });
  test('labels stay inside the plot', () => {
    expect(placeLabels([dot(395, 100)], opts)[0]?.box.right).toBeLessThanOrEqual(400);
    expect(placeLabels([dot(2, 2)], opts)[0]?.box.top).toBeGreaterThanOrEqual(0);
  });
  test('no two placed labels overlap each other or a dot, for any crowd', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let trial = 0; trial < 50; trial++) {
      const dots = Array.from({ length: 14 }, () => dot(rand() * 300, 30 + rand() * 250, 20 + rand() * 60, 3 + rand() * 12));
      const boxes = placeLabels(dots, opts);
      boxes.forEach((p, i) => {
        if (!p) return;
        for (const [j, q] of boxes.entries()) if (q && j > i) expect(overlap(p.box, q.box)).toBe(false);
        for (const [j, d] of dots.entries()) {
          if (j === i) continue;
          const dx = d.x - Math.min(Math.max(d.x, p.box.left), p.box.right);
          const dy = d.y - Math.min(Math.max(d.y, p.box.top), p.box.bottom);
          expect(dx * dx + dy * dy).toBeGreaterThanOrEqual(d.r * d.r);
        }
      });
    }
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
