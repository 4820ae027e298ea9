import { describe, expect, test } from 'vitest';
import { changesGradient, l1Threshold, softThreshold, transformGradient } from './gradient-transform';
import type { GradientTransform } from './plan';

const none: GradientTransform = { clipNorm: null, l1: null, noise: null, mask: null, firstModel: 0 };
const grad = () => [Float32Array.of(3, 0), Float32Array.of(4)]; // ‖g‖ = 5

describe('the gradient changes before Adam', () => {
  test('clipping scales a gradient down to the norm, never up', () => {
    const g = grad();
    transformGradient({ ...none, clipNorm: 1 }, g, 0, 0);
    expect(g.map((a) => Array.from(a))).toEqual([[0.6, 0], [0.8]].map((a) => a.map(Math.fround)));
    const h = grad();
    transformGradient({ ...none, clipNorm: 10 }, h, 0, 0);
    expect(h).toEqual(grad());
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
    transformGradient({ ...none, noise: { std: 1, seed: 3 } }, a, 1, 4);
    const b = grad();
    transformGradient({ ...none, noise: { std: 1, seed: 3 }, firstModel: 1 }, b, 0, 4);
    expect(b).toEqual(a);
    const c = grad();
    transformGradient({ ...none, noise: { std: 1, seed: 3 } }, c, 1, 5);
    expect(c).not.toEqual(a);
    expect(a).not.toEqual(grad());
  });

  test('the mask zeroes exactly the masked entries of this model, after everything else', () => {
    const g = grad();
    const mask = { perModel: 3, values: Float32Array.of(1, 1, 1, 0, 1, 0) };
    transformGradient({ ...none, mask, noise: { std: 1, seed: 1 } }, g, 1, 0);
    expect(g[0][0]).toBe(0);
    expect(g[0][1]).not.toBe(0);
    expect(g[1][0]).toBe(0);
  });
});
