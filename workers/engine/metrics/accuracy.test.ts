import { describe, expect, it } from 'vitest';
import { accuracyFromCorrect, accuracyFromMargins, correctFromLogits } from './accuracy';
import { marginsFromLogits } from './margin';
import { stackRows } from './margin-matrix';

describe('accuracy', () => {
  it('computes argmax correctness and per-model accuracy', () => {
    // 3 points × 3 classes; labels [0, 1, 2]. Point 2: logits [1, 0.9, 0.9] with label 0 would be
    // correct; here label 2 is wrong (argmax 0).
    const logits = new Float32Array([3, 1, 0, 0, 2, 1, 1, 0.9, 0.9]);
    const c = correctFromLogits(logits, 3, 3, [0, 1, 2]);
    expect(Array.from(c)).toEqual([1, 1, 0]);
    const second = new Uint8Array([1, 0, 0]);
    const acc = accuracyFromCorrect(new Uint8Array([...c, ...second]), 2, 3);
    expect(acc.perModel).toEqual([2 / 3, 1 / 3]);
    expect(acc.mean).toBeCloseTo(0.5, 12);
    expect(acc.rule).toBe('argmax');
  });

  it('uses margin > 0, which can be stricter than argmax', () => {
    const m = stackRows([[1, -1, 0.5, 2], [-1, -1, -1, 3]], 4);
    const acc = accuracyFromMargins(m);
    expect(acc.perModel).toEqual([0.75, 0.25]);
    expect(acc.rule).toBe('margin-positive');
    // [1, 0.9, 0.9] with label 0: argmax-correct, yet p_0 ≈ 0.36 so the margin is negative
    const logits = new Float32Array([1, 0.9, 0.9]);
    expect(correctFromLogits(logits, 1, 3, [0])[0]).toBe(1);
    expect(marginsFromLogits(logits, 1, 3, [0])[0]).toBeLessThan(0);
  });

  it('rejects empty inputs', () => {
    expect(() => accuracyFromCorrect(new Uint8Array(0), 1, 0)).toThrow();
  });
});
