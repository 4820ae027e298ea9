import { describe, expect, it } from 'vitest';
import { scrubPlan } from './plan';

describe('SCRUB step plan', () => {
  it('opens the first maxEpochs rounds with max steps over F, and ends every round with min steps over R', () => {
    const forget = Int32Array.from({ length: 10 }, (_, i) => i);
    const retain = Int32Array.from({ length: 30 }, (_, i) => 10 + i);
    const plan = scrubPlan(forget, retain, { epochs: 3, maxEpochs: 2, batchSize: 16, forgetBatchSize: 4 }, 1);
    // per round: ⌈10/4⌉ = 3 max steps (first two rounds only), then ⌈30/16⌉ = 2 min steps
    const round = ['max', 'max', 'max', 'min', 'min'];
    expect(plan.map((s) => s.kind)).toEqual([...round, ...round, 'min', 'min']);
    expect(plan.filter((s) => s.kind === 'max').every((s) => Array.from(s.rows).every((r) => r < 10))).toBe(true);
    expect(plan.filter((s) => s.kind === 'min').every((s) => Array.from(s.rows).every((r) => r >= 10))).toBe(true);
  });
});
