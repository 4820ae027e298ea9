import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng';
import { stackRows } from './margin-matrix';
import { forgetQuality, neuripsEpsilon, neuripsFinalScore, neuripsPointScore } from './neurips-score';

const DELTA = 1e-5;

describe('neuripsEpsilon', () => {
  it('matches a hand computation', () => {
    // unlearned u = [2, 3, 4, 5], retrained r = [0, 1, 2.5, 6]; flag "unlearned" when > t.
    //  t     FPR   FNR   ε
    //  0     3/4   0     skipped (one rate is 0)
    //  1     1/2   0     skipped
    //  2     1/2   1/4   max(log(1/2 − δ) − log 1/4, log(3/4 − δ) − log 1/2) = log(2 − 4δ) = 0.693127
    //  2.5   1/4   1/4   log(3/4 − δ) − log 1/4 = log(3 − 4δ) = 1.098599   ← largest
    //  3     1/4   1/2   max(log(1.5 − 2δ), log(2 − 4δ)) = 0.693127
    //  4     1/4   3/4   both ≈ 0⁻
    //  5     1/4   1     log(1 − δ − 1) undefined, other term log(3/4 − δ) = −0.288
    //  6     0     1     skipped
    // ε̂ = log(3 − 4e-5) = 1.0985990 → bucket ⌊1.0986 / 0.5⌋ = 2 → score 1/4.
    const eps = neuripsEpsilon([2, 3, 4, 5], [0, 1, 2.5, 6]);
    expect(eps).toBeCloseTo(Math.log(3 - 4 * DELTA), 12);
    expect(eps).toBeCloseTo(1.098599, 6);
    expect(neuripsPointScore(eps)).toBe(0.25);
  });

  it('is infinite, scoring 0, for fully separated samples in either direction', () => {
    // u above r: at t = 3 FPR = FNR = 0
    expect(neuripsEpsilon([5, 6, 7], [1, 2, 3])).toBe(Infinity);
    // u below r: at t = 3 FPR = FNR = 1, both log arguments ≤ 0 → the flipped attack is perfect
    expect(neuripsEpsilon([1, 2, 3], [5, 6, 7])).toBe(Infinity);
    expect(neuripsPointScore(Infinity)).toBe(0);
  });

  it('is 0, scoring 1, for identical samples', () => {
    const rng = new Rng(11);
    const s = Array.from({ length: 64 }, () => rng.normal());
    const eps = neuripsEpsilon(s, [...s].reverse());
    expect(eps).toBe(0);
    expect(neuripsPointScore(eps)).toBe(1);
  });

  it('buckets ε̂ by 0.5 and scores 0 from 6 on', () => {
    expect(neuripsPointScore(0)).toBe(1);
    expect(neuripsPointScore(0.49)).toBe(1);
    expect(neuripsPointScore(0.5)).toBe(0.5);
    expect(neuripsPointScore(5.99)).toBe(2 ** -11);
    expect(neuripsPointScore(6)).toBe(0);
  });
});

describe('forgetQuality and the final score', () => {
  it('averages per-point scores', () => {
    // point 0: the hand case above (score 1/4); point 1: same values on both sides (score 1);
    // point 2: fully separated (score 0, ε̂ reported as null). Mean = 1.25 / 3.
    const u = stackRows([[2, 1, 9], [3, 2, 9], [4, 3, 9], [5, 4, 9]], 3);
    const r = stackRows([[0, 4, 0], [1, 3, 0], [2.5, 2, 0], [6, 1, 0]], 3);
    const fq = forgetQuality(u, r);
    expect(fq.scores).toEqual([0.25, 1, 0]);
    expect(fq.epsilons[0]).toBeCloseTo(1.098599, 6);
    expect(fq.epsilons[2]).toBeNull();
    expect(fq.forgetQuality).toBeCloseTo(1.25 / 3, 12);
  });

  it('scales forget quality by the accuracy ratios', () => {
    // 0.5 × (0.9 / 1.0) × (0.8 / 0.85) = 0.36 / 0.85 = 0.4235294
    const s = neuripsFinalScore({
      forgetQuality: 0.5,
      retainAccuracy: 0.9,
      retrainRetainAccuracy: 1.0,
      testAccuracy: 0.8,
      retrainTestAccuracy: 0.85,
    });
    expect(s).toBeCloseTo(0.4235294, 7);
    expect(
      neuripsFinalScore({ forgetQuality: 1, retainAccuracy: 1, retrainRetainAccuracy: 0, testAccuracy: 1, retrainTestAccuracy: 1 }),
    ).toBeNull();
  });
});
