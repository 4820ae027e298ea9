import { describe, expect, it } from 'vitest';
import { buildFineTuneSet } from './fine-tune-set';

const forget = Int32Array.from([3, 7, 9]);
const retain = Int32Array.from({ length: 20 }, (_, i) => 100 + i);

describe('matching fine-tuning set', () => {
  it('repeats F forgetMultiplier times and adds retainMultiplier·|F| distinct retain points', () => {
    const set = buildFineTuneSet(forget, retain, 2, 4, 1);
    expect(Array.from(set.rows.subarray(0, 3))).toEqual([3, 7, 9]);
    expect(set.retainCount).toBe(12);
    const sampled = Array.from(set.rows.subarray(3));
    expect(new Set(sampled).size).toBe(12);
    expect(sampled.every((r) => r >= 100 && r < 120)).toBe(true);
    const listed = Array.from(set.positions, (p) => set.rows[p]);
    expect(listed.filter((r) => r === 7)).toHaveLength(2);
    expect(listed).toHaveLength(3 * 2 + 12);
  });

  it('is seeded, and caps the retain sample at |R|', () => {
    expect(buildFineTuneSet(forget, retain, 1, 4, 9).rows).toEqual(buildFineTuneSet(forget, retain, 1, 4, 9).rows);
    expect(buildFineTuneSet(forget, retain, 1, 4, 9).rows).not.toEqual(buildFineTuneSet(forget, retain, 1, 4, 10).rows);
    expect(buildFineTuneSet(forget, retain, 1, 50, 9).retainCount).toBe(20);
  });
});
