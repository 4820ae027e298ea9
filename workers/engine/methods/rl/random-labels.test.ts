import { describe, expect, it } from 'vitest';
import { randomWrongLabels } from './random-labels';

describe('random wrong labels', () => {
  it('never gives the true label, differs across models, and is seeded', () => {
    const labels = Uint8Array.from({ length: 50 }, (_, i) => i % 10);
    const forget = Int32Array.from({ length: 40 }, (_, i) => i + 5);
    const wrong = randomWrongLabels(forget, labels, 10, 3, 1);
    forget.forEach((row, i) => {
      for (let m = 0; m < 3; m++) {
        expect(wrong[m * 40 + i]).not.toBe(labels[row]);
        expect(wrong[m * 40 + i]).toBeGreaterThanOrEqual(0);
        expect(wrong[m * 40 + i]).toBeLessThan(10);
      }
    });
    expect(wrong.subarray(0, 40)).not.toEqual(wrong.subarray(40, 80));
    expect(randomWrongLabels(forget, labels, 10, 3, 1)).toEqual(wrong);
    // all nine wrong classes get used
    expect(new Set(wrong).size).toBe(10);
  });
});
