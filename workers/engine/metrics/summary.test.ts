import { describe, expect, it } from 'vitest';
import { quantileSorted, summarize } from './summary';

describe('summarize', () => {
  it('interpolates percentiles linearly between ranks (numpy default)', () => {
    // 0..10: h = 10·q, so p95 = 9.5, p99 = 9.9, median = 5
    const s = summarize([3, 1, 4, 0, 5, 9, 2, 6, 8, 7, 10]);
    expect(s.mean).toBeCloseTo(5, 12);
    expect(s.median).toBeCloseTo(5, 12);
    expect(s.p95).toBeCloseTo(9.5, 12);
    expect(s.p99).toBeCloseTo(9.9, 12);
    expect(s.max).toBe(10);
  });

  it('handles even sizes and a single value', () => {
    // [1, 2, 10, 20]: median h = 1.5 → 6; p95 h = 2.85 → 10 + 0.85·10 = 18.5
    const s = summarize([20, 1, 10, 2]);
    expect(s.median).toBeCloseTo(6, 12);
    expect(s.p95).toBeCloseTo(18.5, 12);
    expect(summarize([7])).toEqual({ mean: 7, median: 7, p95: 7, p99: 7, max: 7 });
  });

  it('rejects empty input and bad quantiles', () => {
    expect(() => summarize([])).toThrow();
    expect(() => quantileSorted([1, 2], 1.5)).toThrow();
  });
});
