import { describe, expect, test } from 'vitest';
import { Rng } from '../util/rng';
import { FactoredDatamodels } from './factored';
import { nativeRemovalEffect } from './native-removal';
import { DenseRight, KronRight } from './right-factors';

const rng = new Rng(8);
const rand = (count: number, scale = 1) => Float32Array.from({ length: count }, () => (2 * rng.next() - 1) * scale);

/** Last-layer-TRAK-shaped datamodels: `models` identity-Kronecker blocks of width ka. */
function lastLayer(n: number, v: number, c: number, models: number, ka: number, self: boolean): FactoredDatamodels {
  const t = n + v;
  return new FactoredDatamodels({
    trainSize: n, validationSize: v, classes: c, estimator: 'trak-last-layer', cost: { seconds: 0, modelsTrained: 0 }, info: {},
    left: rand(n * models * ka * c, 0.05),
    blocks: Array.from({ length: models }, () => new KronRight(rand(t * ka), null, ka, c, t, c)),
    intercept: rand(t * c),
    self: self ? rand(n * c) : undefined,
  });
}

function expectClose(a: Float32Array, b: Float32Array): void {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / (1 + Math.abs(b[i])));
  expect(worst).toBeLessThan(1e-5); // float32 accumulation of a few hundred terms
}

describe('the native removal effect (instant preview)', () => {
  test.each([
    ['10 classes (two panels), with self weights', 10, true],
    ['3 classes (one padded panel), without', 3, false],
  ])('equals the float64 JavaScript path: %s', (_, c, self) => {
    const dm = lastLayer(150, 40, c, 3, 17, self);
    for (const forget of [Int32Array.of(0, 5, 149), Int32Array.from({ length: 60 }, (_, i) => 2 * i + 1)]) {
      for (const set of ['train', 'validation'] as const) expectClose(nativeRemovalEffect(dm, forget, set)!, dm.removalEffect(forget, set));
    }
  });

  test('re-uploads when other datamodels of the same size come, and stays right for the first ones after', () => {
    const a = lastLayer(80, 20, 10, 2, 9, false);
    const b = lastLayer(80, 20, 10, 2, 9, false);
    const f = Int32Array.of(3, 4, 70);
    for (const dm of [a, b, a]) expectClose(nativeRemovalEffect(dm, f, 'train')!, dm.removalEffect(f, 'train'));
  });

  test('has no path for other datamodels (the caller falls back) and rejects a bad forget set like the JavaScript path', () => {
    const dense = new FactoredDatamodels({
      trainSize: 4, validationSize: 1, classes: 2, estimator: 'regression', cost: { seconds: 0, modelsTrained: 0 }, info: {},
      left: rand(4 * 3), blocks: [new DenseRight(rand(3 * 5 * 2), 3, 5, 2)], intercept: rand(10),
    });
    expect(nativeRemovalEffect(dense, Int32Array.of(1), 'train')).toBeNull();
    expect(() => nativeRemovalEffect(lastLayer(10, 2, 3, 1, 4, false), Int32Array.of(1, 1), 'train')).toThrow(/listed twice/);
  });

  test('a click-by-click walk (the cached sum updated by the difference) matches summing afresh every time', () => {
    const dm = lastLayer(120, 30, 10, 2, 11, true);
    const set = new Set<number>([1, 2, 3, 50, 60, 70, 80, 90]);
    for (let step = 0; step < 300; step++) {
      const i = (step * 37) % 120;
      if (set.has(i)) set.delete(i);
      else set.add(i);
      const f = Int32Array.from([...set].sort((a, b) => a - b));
      const effect = nativeRemovalEffect(dm, f, 'train')!; // every step updates the cached sum by one row
      if (step % 23 === 0) expectClose(effect, dm.removalEffect(f, 'train'));
    }
  });
});
