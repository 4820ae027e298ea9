import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng';
import { balancedIndices, populationMia } from './population-mia';

function losses(rng: Rng, n: number, mean: number): Float64Array {
  return Float64Array.from({ length: n }, () => Math.max(0, mean + 0.3 * rng.normal()));
}
const labels = (n: number, classes: number) => Array.from({ length: n }, (_, i) => i % classes);

describe('populationMia', () => {
  it('is ≈ 0.5 when members and non-members have the same loss distribution', () => {
    // 1000 vs 1000 points: the sd of a 2000-point accuracy at 0.5 is ≈ 0.011, and fitting on
    // noise can only lose accuracy on held-out folds. Tolerance 0.05 (> 4 sd).
    const rng = new Rng(1);
    const r = populationMia(losses(rng, 1000, 1), losses(rng, 1000, 1), labels(1000, 10), labels(1000, 10), 42);
    if (r.status !== 'ok') throw new Error('expected a result');
    expect(Math.abs(r.accuracy - 0.5)).toBeLessThan(0.05);
    expect(r.members).toBe(1000);
    expect(r.foldAccuracies).toHaveLength(5);
  });

  it('is ≈ 1 when the losses are well separated', () => {
    const rng = new Rng(2);
    const r = populationMia(losses(rng, 300, 0.1), losses(rng, 500, 3), labels(300, 10), labels(500, 10), 42);
    if (r.status !== 'ok') throw new Error('expected a result');
    expect(r.accuracy).toBeGreaterThan(0.99);
    expect(r.members).toBe(300);
  });

  it('is deterministic by seed', () => {
    const rng = new Rng(3);
    const f = losses(rng, 200, 1);
    const v = losses(rng, 300, 1.1);
    const a = populationMia(f, v, labels(200, 10), labels(300, 10), 7);
    expect(populationMia(f, v, labels(200, 10), labels(300, 10), 7)).toEqual(a);
  });

  it('balances per class, or per group as the starting kit does', () => {
    // forget: 6 of class 0, 2 of class 1; validation: 3 of class 0, 5 of class 1
    const fl = [0, 0, 0, 0, 0, 0, 1, 1];
    const vl = [0, 0, 0, 1, 1, 1, 1, 1];
    const perClass = balancedIndices(fl, vl, 'per-class', new Rng(1));
    expect(perClass.members.map((i) => fl[i]).sort()).toEqual([0, 0, 0, 1, 1]);
    expect(perClass.nonMembers.map((i) => vl[i]).sort()).toEqual([0, 0, 0, 1, 1]);
    const groups = balancedIndices(fl, vl, 'groups', new Rng(1));
    expect(groups.members).toHaveLength(8);
    expect(groups.nonMembers).toHaveLength(8);
  });

  it('returns a typed result when too few points survive balancing', () => {
    const r = populationMia([1, 2, 3], [1, 2, 3], [0, 1, 2], [3, 4, 5], 1);
    expect(r).toEqual({ status: 'not-enough-data', members: 0, required: 5 });
  });
});
