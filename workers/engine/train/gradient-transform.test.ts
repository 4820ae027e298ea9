import { describe, expect, test } from 'vitest';
import { addresses, changesGradient, l1Threshold, softThreshold, transformGradient } from './gradient-transform';
import type { GradientTransform } from './plan';

const none: GradientTransform = { clipNorm: null, l1: null, noise: null, mask: null, firstModel: 0 };
const grad = () => Float32Array.of(3, 0, 4); // one model's gradient in interchange order, ‖g‖ = 5

describe('the gradient changes before Adam', () => {
  test('clipping scales a gradient down to the norm, never up', () => {
    const g = grad();
    transformGradient({ ...none, clipNorm: 1 }, g, null, 0, 0);
    expect(Array.from(g)).toEqual([0.6, 0, 0.8].map(Math.fround));
    const h = grad();
    transformGradient({ ...none, clipNorm: 10 }, h, null, 0, 0);
    expect(h).toEqual(grad());
  });

  test('through an index (the native packed layout) the same weights get the same changes, and nothing else moves', () => {
    const t: GradientTransform = { ...none, clipNorm: 1, noise: { std: 0.5, seed: 9 }, mask: { perModel: 3, values: Float32Array.of(1, 0, 1) } };
    const flat = grad();
    transformGradient(t, flat, null, 0, 2);
    const packed = Float32Array.of(7, 0, 7, 4, 3, 7); // interchange entries 0, 1, 2 at packed 4, 1, 3
    transformGradient(t, packed, addresses(Int32Array.of(4, 1, 3)), 0, 2);
    expect([packed[4], packed[1], packed[3]]).toEqual(Array.from(flat));
    expect([packed[0], packed[2], packed[5]]).toEqual([7, 7, 7]);
  });

  test('ℓ1 is a proximal step after Adam: threshold lr·γ·(1 − step/steps), weights shrunk towards zero and never across it', () => {
    expect(l1Threshold({ ...none, l1: 0.5 }, 0.1, 5, 10)).toBeCloseTo(0.025, 12);
    expect(l1Threshold({ ...none, l1: 0.5 }, 0.1, 10, 10)).toBe(0);
    expect(l1Threshold(none, 0.1, 0, 10)).toBe(0);
    const w = Float32Array.of(1, -1, 0.01, -0.01, 0, 7);
    softThreshold(w, 0, 5, 0.05);
    expect(Array.from(w)).toEqual([0.95, -0.95, 0, 0, 0, 7].map(Math.fround));
    expect(changesGradient({ ...none, l1: 0.5 })).toBe(false);
    expect(changesGradient({ ...none, clipNorm: 1 })).toBe(true);
  });

  test('noise is seeded by (seed, model in the whole ensemble, step): the same model gets the same noise in any share', () => {
    const a = grad();
    transformGradient({ ...none, noise: { std: 1, seed: 3 } }, a, null, 1, 4);
    const b = grad();
    transformGradient({ ...none, noise: { std: 1, seed: 3 }, firstModel: 1 }, b, null, 0, 4);
    expect(b).toEqual(a);
    const c = grad();
    transformGradient({ ...none, noise: { std: 1, seed: 3 } }, c, null, 1, 5);
    expect(c).not.toEqual(a);
    expect(a).not.toEqual(grad());
  });

  test('the mask zeroes exactly the masked entries of this model, after everything else', () => {
    const g = grad();
    const mask = { perModel: 3, values: Float32Array.of(1, 1, 1, 0, 1, 0) };
    transformGradient({ ...none, mask, noise: { std: 1, seed: 1 } }, g, null, 1, 0);
    expect(g[0]).toBe(0);
    expect(g[1]).not.toBe(0);
    expect(g[2]).toBe(0);
  });
});
