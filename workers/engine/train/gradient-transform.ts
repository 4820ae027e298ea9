import type { ModelWeights } from '../models/weights';
import { NormalStream } from '../util/normal-table';
import { deriveSeed } from '../util/rng';
import type { GradientTransform } from './plan';

/**
 * One model's gradient, changed in place before Adam as the plan says (plan.ts,
 * GradientTransform): clip → noise → mask. In ModelWeights order, shared by the native
 * and the tfjs engines so both do the same thing to the same numbers.
 *
 * `model` is the model's index in this plan's share of the ensemble; the noise is seeded
 * by its index in the whole ensemble, so a model's noise does not depend on which worker
 * trains it.
 */
export function transformGradient(t: GradientTransform, grad: ModelWeights, model: number, step: number): void {
  if (t.clipNorm != null) {
    let sq = 0;
    for (const g of grad) for (let i = 0; i < g.length; i++) sq += g[i] * g[i];
    const norm = Math.sqrt(sq);
    if (norm > t.clipNorm) {
      const scale = t.clipNorm / norm;
      for (const g of grad) for (let i = 0; i < g.length; i++) g[i] *= scale;
    }
  }
  if (t.noise && t.noise.std > 0) {
    const noise = new NormalStream(deriveSeed(t.noise.seed, 'noise', t.firstModel + model, step));
    for (const g of grad) noise.addTo(g, t.noise.std);
  }
  if (t.mask) {
    const m = t.mask.values;
    let o = model * t.mask.perModel;
    for (const g of grad) for (let i = 0; i < g.length; i++) g[i] *= m[o++];
  }
}

/** True when the plan changes the gradient itself (not only the ℓ1 step after Adam). */
export function changesGradient(t: GradientTransform): boolean {
  return t.clipNorm != null || (t.noise != null && t.noise.std > 0) || t.mask != null;
}

/** The ℓ1 proximal threshold of a step: lr_t · γ_t, γ_t falling linearly to zero (0 without ℓ1). */
export function l1Threshold(t: GradientTransform | null | undefined, lr: number, step: number, steps: number): number {
  return t?.l1 ? lr * t.l1 * (1 - step / Math.max(1, steps)) : 0;
}

/** Soft-thresholds values[from, from + count) by tau in place: sign(θ)·max(|θ| − τ, 0). */
export function softThreshold(values: Float32Array, from: number, count: number, tau: number): void {
  for (let i = from; i < from + count; i++) {
    const v = values[i];
    values[i] = v > tau ? v - tau : v < -tau ? v + tau : 0;
  }
}
