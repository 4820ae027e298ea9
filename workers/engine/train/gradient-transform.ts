import { NormalStream } from '../util/normal-table';
import { deriveSeed } from '../util/rng';
import type { GradientTransform } from './plan';

/**
 * Where one model's weights sit in a gradient buffer, walked forwards: `pos` lists their
 * buffer positions in increasing order and `src` the interchange (ModelWeights) index of
 * each. (The native engine's packed layout scatters a model's interchange order; walking it
 * that way was several times slower.)
 */
export interface WeightAddresses {
  pos: Int32Array;
  src: Int32Array;
}

/** Addresses from an interchange-order index (native/layout.ts modelIndex): entry i is at index[i]. */
export function addresses(index: Int32Array): WeightAddresses {
  const src = Int32Array.from(index.keys()).sort((a, b) => index[a] - index[b]);
  return { pos: Int32Array.from(src, (i) => index[i]), src };
}

/** One zeroed buffer for the noise, reused across models and steps (it is drawn every step). */
let noiseBuffer = new Float32Array(0);
function scratch(count: number): Float32Array {
  if (noiseBuffer.length < count) noiseBuffer = new Float32Array(count);
  const b = noiseBuffer.subarray(0, count);
  b.fill(0);
  return b;
}

const identities = new Map<number, WeightAddresses>();
/** A model's weights end to end in interchange order (the tfjs path). */
function identity(count: number): WeightAddresses {
  let a = identities.get(count);
  if (!a) identities.set(count, (a = { pos: Int32Array.from({ length: count }, (_, i) => i), src: Int32Array.from({ length: count }, (_, i) => i) }));
  return a;
}

/**
 * One model's gradient, changed in place before Adam as the plan says (plan.ts,
 * GradientTransform): clip → noise → mask. Without addresses the buffer is the model's
 * weights end to end in interchange order (the tfjs path). Either way both engines do the
 * same thing to the same weight; only the clip's sum runs in another order.
 *
 * `model` is the model's index in this plan's share of the ensemble; the noise is seeded
 * by its index in the whole ensemble, so a model's noise does not depend on which worker
 * trains it.
 */
export function transformGradient(t: GradientTransform, grad: Float32Array, where: WeightAddresses | null, model: number, step: number): void {
  const { pos, src } = where ?? identity(grad.length);
  const count = pos.length;
  if (t.clipNorm != null) {
    let sq = 0;
    for (let k = 0; k < count; k++) {
      const v = grad[pos[k]];
      sq += v * v;
    }
    const norm = Math.sqrt(sq);
    if (norm > t.clipNorm) {
      const scale = t.clipNorm / norm;
      for (let k = 0; k < count; k++) grad[pos[k]] *= scale;
    }
  }
  if (t.noise && t.noise.std > 0) {
    const noise = scratch(count); // drawn in interchange order, so every engine adds the same
    new NormalStream(deriveSeed(t.noise.seed, 'noise', t.firstModel + model, step)).addTo(noise, t.noise.std);
    for (let k = 0; k < count; k++) grad[pos[k]] += noise[src[k]];
  }
  if (t.mask) {
    const m = t.mask.values;
    const o = model * t.mask.perModel;
    for (let k = 0; k < count; k++) grad[pos[k]] *= m[o + src[k]];
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
