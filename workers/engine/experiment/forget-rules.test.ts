import { describe, expect, it } from 'vitest';
import { featuresFor } from '../models/inputs';
import { FEATURE_DIM } from '../models/features';
import { smallDataset, initWasmBackend } from '../testing/fixtures';
import { resolveForgetSet, stampTrigger, trainingDataset } from './forget-rules';
import { forgetRuleSchema, ExperimentError } from './schema';

const feats = async () => {
  await initWasmBackend();
  const d = await smallDataset();
  const f = await featuresFor(d);
  return { d, f: { values: f.train, dim: FEATURE_DIM } };
};

describe('forget-set rules', () => {
  it('random k: k distinct sorted indices, retain is the complement, deterministic by seed', async () => {
    const { d } = await feats();
    const a = resolveForgetSet({ kind: 'random', count: 25 }, d, 1);
    const b = resolveForgetSet({ kind: 'random', count: 25 }, d, 1);
    const c = resolveForgetSet({ kind: 'random', count: 25 }, d, 2);
    expect(a.forget.length).toBe(25);
    expect(new Set(a.forget).size).toBe(25);
    expect(Array.from(a.forget)).toEqual([...a.forget].sort((x, y) => x - y));
    expect(a.retain.length + a.forget.length).toBe(d.train.count);
    expect(Array.from(a.forget)).toEqual(Array.from(b.forget));
    expect(Array.from(a.forget)).not.toEqual(Array.from(c.forget));
  });

  it('whole class: exactly the points of that class', async () => {
    const { d, f } = await feats();
    const r = resolveForgetSet({ kind: 'class', classIndex: 3 }, d, 1, f);
    expect(r.forget.length).toBe(d.train.labels.filter((l) => l === 3).length);
    expect(Array.from(r.forget).every((i) => d.train.labels[i] === 3)).toBe(true);
  });

  it('sub-population: a cluster inside one class, capped at count', async () => {
    const { d, f } = await feats();
    const r = resolveForgetSet(forgetRuleSchema.parse({ kind: 'subpopulation', classIndex: 2, clusters: 3, cluster: 0, count: 15 }), d, 1, f);
    expect(r.forget.length).toBeGreaterThan(0);
    expect(r.forget.length).toBeLessThanOrEqual(15);
    expect(Array.from(r.forget).every((i) => d.train.labels[i] === 2)).toBe(true);
  });

  it('mislabeled: training labels of the forget points are wrong, the rest untouched', async () => {
    const { d } = await feats();
    const r = resolveForgetSet({ kind: 'mislabeled', count: 30 }, d, 1);
    for (const [k, i] of Array.from(r.forget).entries()) {
      expect(r.trainLabels[i]).not.toBe(d.train.labels[i]);
      expect(r.trueForgetLabels[k]).toBe(d.train.labels[i]);
    }
    expect(Array.from(r.retain).every((i) => r.trainLabels[i] === d.train.labels[i])).toBe(true);
    expect(trainingDataset(d, r, { kind: 'mislabeled', count: 30 }).hash).not.toBe(d.hash);
  });

  it('backdoor: forget points get the trigger and the target label; the base dataset is not modified', async () => {
    const { d } = await feats();
    const before = d.train.pixels.slice();
    const r = resolveForgetSet(forgetRuleSchema.parse({ kind: 'backdoor', count: 10, targetClass: 4 }), d, 1);
    const probe = new Uint8Array(3072 * 1);
    stampTrigger(probe, 0, 4);
    for (const i of r.forget) {
      expect(r.trainLabels[i]).toBe(4);
      expect(d.train.labels[i]).not.toBe(4);
      // the bottom-right checkerboard is there
      expect(r.trainPixels[i * 3072 + 30 * 32 + 30]).toBe(probe[30 * 32 + 30]);
    }
    expect(d.train.pixels).toEqual(before);
  });

  it('rejects an empty set, the whole pool and out-of-range indices with specific messages', async () => {
    const { d } = await feats();
    expect(() => resolveForgetSet({ kind: 'indices', indices: [] }, d, 1)).toThrow(/forget set is empty/);
    expect(() => resolveForgetSet({ kind: 'indices', indices: [0, d.train.count + 5] }, d, 1)).toThrow(/outside the train pool/);
    const all = Array.from({ length: d.train.count }, (_, i) => i);
    expect(() => resolveForgetSet({ kind: 'indices', indices: all }, d, 1)).toThrow(ExperimentError);
    expect(() => resolveForgetSet({ kind: 'indices', indices: all }, d, 1)).toThrow(/whole train pool/);
  });
});
