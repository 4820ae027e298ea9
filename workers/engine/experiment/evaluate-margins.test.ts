import { describe, expect, it } from 'vitest';
import { evaluateMethod, type ULiraResult } from '../metrics';
import { parseNpy, writeNpy } from '../npy/npy';
import { Rng } from '../util/rng';
import { evaluateMargins, MarginInputError, type NamedMargins } from './evaluate-margins';

const MODELS = 16;
const auc = (u: ULiraResult) => (u.status === 'ok' ? u.auc : NaN);
const POINTS = 120;
const groups = {
  forget: Array.from({ length: 40 }, (_, i) => i),
  retain: Array.from({ length: 40 }, (_, i) => 40 + i),
  validation: Array.from({ length: 40 }, (_, i) => 80 + i),
  labels: { forget: Array.from({ length: 40 }, (_, i) => i % 4), validation: Array.from({ length: 40 }, (_, i) => i % 4) },
};

/** A margin file through the .npy writer and parser: margins ~ N(mean(point), 1). */
function file(name: string, seed: number, shift = 0, models = MODELS, points = POINTS): NamedMargins {
  const rng = new Rng(seed);
  const centre = (p: number) => ((p * 37) % 11) / 3 - 1;
  const data = Float32Array.from({ length: models * points }, (_, i) => centre(i % points) + rng.normal() + (i % points < 40 ? shift : 0));
  return { name, array: parseNpy(writeNpy(data, [models, points]), name) };
}

describe('evaluate margins computed elsewhere', () => {
  it('equals evaluateMethod on the same arrays, and reads known distributions right', () => {
    const same = evaluateMargins({ unlearned: file('u.npy', 1), oracles: file('o.npy', 2), oracles2: file('o2.npy', 3), groups, groupsName: 'points.json' });
    // unlearned drawn like the oracles: the attack cannot tell them apart, KLoM sits at the floor
    expect(Math.abs(auc(same.ulira) - 0.5)).toBeLessThan(0.1);
    expect(same.klom.forget.summary.p95).toBeLessThan(1.5 * same.noiseFloor!.forget.summary.p95);
    // forget margins shifted by +3 (not forgotten): the attack sees it, KLoM rises above the floor
    const kept = evaluateMargins({ unlearned: file('u.npy', 1, 3), oracles: file('o.npy', 2), oracles2: file('o2.npy', 3), groups, groupsName: 'points.json' });
    expect(auc(kept.ulira)).toBeGreaterThan(0.9);
    expect(kept.klom.forget.summary.p95).toBeGreaterThan(1.5 * same.klom.forget.summary.p95);
    // the same numbers as the metric functions on the same arrays
    const u = file('u.npy', 1, 3).array;
    const o = file('o.npy', 2).array;
    const cut = (a: typeof u, from: number) => {
      const values = new Float32Array(MODELS * 40);
      for (let m = 0; m < MODELS; m++) for (let j = 0; j < 40; j++) values[m * 40 + j] = a.data[m * POINTS + from + j];
      return { margins: { models: MODELS, points: 40, values } };
    };
    const direct = evaluateMethod({
      unlearned: { forget: cut(u, 0), retain: cut(u, 40), validation: cut(u, 80) },
      oracle: { forget: cut(o, 0), retain: cut(o, 40), validation: cut(o, 80) },
      labels: groups.labels,
      seed: 0,
    });
    expect(kept.klom.forget.summary.p95).toBe(direct.klom.forget.summary.p95);
    expect(auc(kept.ulira)).toBe(auc(direct.ulira));
  });

  it('names the file and the problem for every malformed input', () => {
    const run = (over: Partial<Parameters<typeof evaluateMargins>[0]>) => () =>
      evaluateMargins({ unlearned: file('u.npy', 1), oracles: file('o.npy', 2), groups, groupsName: 'points.json', ...over });
    const nan = file('u.npy', 1);
    nan.array.data[POINTS + 5] = NaN;
    expect(run({ unlearned: nan })).toThrow(/^u\.npy: value NaN at model 1, point 5/);
    expect(run({ oracles: file('o.npy', 2, 0, MODELS, POINTS - 1) })).toThrow(/^o\.npy: 119 points, but u\.npy has 120/);
    expect(run({ oracles: file('o.npy', 2, 0, MODELS - 1) })).toThrow(/^o\.npy: 15 oracle models but 16 unlearned/);
    expect(run({ unlearned: { name: 'u.npy', array: parseNpy(writeNpy(new Float32Array(4), [4]), 'u.npy') } })).toThrow(/^u\.npy: expected a \[models × points\] matrix, got shape \[4\]/);
    expect(run({ groups: { ...groups, forget: [...groups.forget, 200] } })).toThrow(/^points\.json: forget point 200 is past the 120 columns/);
    expect(run({ groups: { ...groups, retain: [0, ...groups.retain] } })).toThrow(/^points\.json: point 0 is in more than one group/);
    expect(run({ groups: { ...groups, labels: { forget: [1], validation: groups.labels.validation } } })).toThrow(/one label per forget/);
    expect(run({ unlearned: nan })).toThrow(MarginInputError);
  });
});
