import { describe, expect, it } from 'vitest';
import { cyclingBatches } from './batch';

describe('cyclingBatches', () => {
  it('cycles a small set for as many steps as asked, each pass a fresh permutation', () => {
    const set = Int32Array.from([5, 6, 7, 8, 9]);
    const batches = cyclingBatches(set, 2, 3, 7); // passes of 2 + 2 + 1
    expect(batches).toHaveLength(7);
    const firstPass = batches.slice(0, 3).flatMap((b) => Array.from(b));
    expect(firstPass.sort()).toEqual([5, 6, 7, 8, 9]);
    const secondPass = batches.slice(3, 6).flatMap((b) => Array.from(b));
    expect(secondPass.sort()).toEqual([5, 6, 7, 8, 9]);
    expect(cyclingBatches(new Int32Array(0), 2, 3, 4)).toEqual([]);
  });
});
