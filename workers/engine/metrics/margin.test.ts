import { describe, expect, it } from 'vitest';
import { crossEntropyFromMargin, logitScaledConfidence, margin, marginsFromLogits } from './margin';

function softmax(z: number[]): number[] {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

describe('margin', () => {
  it('matches a hand computation', () => {
    // z = [2, 0, ln 3], y = 0: log(e^0 + e^{ln 3}) = log 4, so margin = 2 − ln 4 = 0.613705638880109
    expect(margin([2, 0, Math.log(3)], 0)).toBeCloseTo(0.613705638880109, 12);
    // two classes: margin = z_y − z_other
    expect(margin([1.5, -0.5], 1)).toBeCloseTo(-2, 12);
  });

  it('equals log(p/(1−p)) from the softmax', () => {
    const cases: [number[], number][] = [
      [[0.3, -1.2, 2.2, 0.0, 1.1], 2],
      [[-3, 4, 0.5], 0],
      [[10, 10, 10, 10], 3],
    ];
    for (const [z, y] of cases) {
      const p = softmax(z)[y];
      expect(margin(z, y)).toBeCloseTo(Math.log(p / (1 - p)), 10);
      expect(logitScaledConfidence(z, y)).toBe(margin(z, y));
    }
  });

  it('is stable for huge logits', () => {
    expect(margin([1000, 990, 0], 0)).toBeCloseTo(10 - Math.log1p(Math.exp(-990)), 9);
    expect(margin([-1000, 1000, 999], 0)).toBeCloseTo(-2000 - Math.log1p(Math.exp(-1)), 6);
    expect(Number.isFinite(margin([800, -800], 1))).toBe(true);
  });

  it('computes a batch of margins', () => {
    const logits = new Float32Array([2, 0, 0, 0, 1, 0]);
    const m = marginsFromLogits(logits, 2, 3, [0, 2]);
    expect(m[0]).toBeCloseTo(2 - Math.log(2), 6);
    expect(m[1]).toBeCloseTo(0 - Math.log(1 + Math.E), 6);
    expect(() => marginsFromLogits(logits, 2, 3, [0])).toThrow();
  });

  it('recovers the cross-entropy exactly', () => {
    const z = [0.3, -1.2, 2.2, 0.0, 1.1];
    for (let y = 0; y < z.length; y++) {
      expect(crossEntropyFromMargin(margin(z, y))).toBeCloseTo(-Math.log(softmax(z)[y]), 10);
    }
    expect(crossEntropyFromMargin(-1000)).toBeCloseTo(1000, 9);
    expect(crossEntropyFromMargin(1000)).toBe(0);
  });
});
