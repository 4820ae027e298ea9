import { describe, expect, it } from 'vitest';
import { confusionCounts } from './logits';

describe('confusionCounts', () => {
  it('counts [true][predicted] by argmax, averaged over models', () => {
    // 2 models × 3 rows × 2 classes; labels 0, 1, 1
    const z = Float32Array.of(/* m0 */ 2, 0, 0, 1, 3, 1, /* m1 */ 0, 2, 0, 1, 0, 5);
    const c = confusionCounts(z, 2, 3, 2, (r) => [0, 1, 1][r]);
    // row 0 (label 0): m0 → 0, m1 → 1; rows 1, 2 (label 1): m0 → 1, 0; m1 → 1, 1
    expect(c).toEqual([
      [0.5, 0.5],
      [0.5, 1.5],
    ]);
    expect(c[1][0] + c[1][1]).toBe(2);
  });
});
