import { Rng, deriveSeed } from '../util/rng';
import type { ModelForward } from './trak-forward';

/**
 * Projected per-example gradient features for TRAK, computed analytically.
 *
 * The gradient of any scalar output o w.r.t. a dense layer's weights is an outer product,
 * input activation ⊗ ∂o/∂(layer output); with the bias folded in as a constant-1 input,
 * ã ⊗ δ. So every gradient block is stored and projected as a Kronecker pair: a seeded
 * Gaussian projection of each factor, (Pᵀã) ⊗ (Qᵀδ), a structured random projection
 * (as in LoGra, Choe et al. 2024) that costs d·k instead of d·h·k per example and lets the
 * target side stay factored too (right-factors.ts, `kron`).
 *
 * - Train points use TRAK's output function, the true-label margin: ∂margin/∂z =
 *   e_y − softmax over the other classes (g below).
 * - Target (x, c) uses logit c itself: ∂z_c/∂z = e_c, which for the last layer leaves the
 *   class factor as the identity, and for the MLP's first layer gives
 *   δ₁ = W₂[:, c] ⊙ 1[pre > 0], i.e. column c of diag(active(x)) W₂.
 */

/** Last-layer activations up to this width (+1 for the bias) are used exactly. */
export const PROJECT_ABOVE = 160;

/** A seeded Gaussian projection [rows × k] with N(0, 1/k) entries (norms preserved on average). */
export function gaussianProjection(rows: number, k: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  const s = 1 / Math.sqrt(k);
  return Float32Array.from({ length: rows * k }, () => rng.normal() * s);
}

/** [x, 1] · P for every row: x [rows × d], P [(d + 1) × k] or null for "no projection". */
export function projectWithBias(x: Float32Array, rows: number, d: number, p: Float32Array | null, k: number): Float32Array {
  if (!p) {
    const out = new Float32Array(rows * (d + 1));
    for (let r = 0; r < rows; r++) {
      out.set(x.subarray(r * d, (r + 1) * d), r * (d + 1));
      out[r * (d + 1) + d] = 1;
    }
    return out;
  }
  const out = new Float32Array(rows * k);
  const acc = new Float64Array(k);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < k; j++) acc[j] = p[d * k + j]; // the bias input
    for (let i = 0; i < d; i++) {
      const xi = x[r * d + i];
      if (xi === 0) continue;
      const row = i * k;
      for (let j = 0; j < k; j++) acc[j] += xi * p[row + j];
    }
    for (let j = 0; j < k; j++) out[r * k + j] = acc[j];
  }
  return out;
}

/** ∂margin/∂z = e_y − softmax over j ≠ y, and p_y, for every row. */
export function marginGradients(logits: Float32Array, labels: Uint8Array, classes: number): { g: Float32Array; py: Float32Array } {
  const rows = labels.length;
  const g = new Float32Array(rows * classes);
  const py = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    const o = r * classes;
    const y = labels[r];
    let max = -Infinity;
    for (let j = 0; j < classes; j++) max = Math.max(max, logits[o + j]);
    let all = 0;
    let others = 0;
    for (let j = 0; j < classes; j++) {
      const e = Math.exp(logits[o + j] - max);
      all += e;
      if (j !== y) others += e;
    }
    for (let j = 0; j < classes; j++) g[o + j] = j === y ? 1 : -Math.exp(logits[o + j] - max) / others;
    py[r] = Math.exp(logits[o + y] - max) / all;
  }
  return { g, py };
}

/** B(x) = Qᵀ diag(active(x)) W₂, [rows × kb × C]: the first-layer sensitivity factor of every logit. */
export function firstLayerSensitivity(active: Uint8Array, rows: number, h: number, w2: Float32Array, classes: number, q: Float32Array, kb: number): Float32Array {
  const out = new Float32Array(rows * kb * classes);
  for (let r = 0; r < rows; r++) {
    const base = r * kb * classes;
    for (let j = 0; j < h; j++) {
      if (!active[r * h + j]) continue;
      for (let p = 0; p < kb; p++) {
        const qjp = q[j * kb + p];
        const dst = base + p * classes;
        for (let c = 0; c < classes; c++) out[dst + c] += qjp * w2[j * classes + c];
      }
    }
  }
  return out;
}

/** The layout of one model's feature vector: Kronecker blocks in order. */
export interface FeatureBlock {
  ka: number;
  kb: number;
  /** a factor of every target [targets × ka] */
  a: Float32Array;
  /** b factor per target and class [targets × kb × C], null for the identity (kb = C) */
  b: Float32Array | null;
}

export interface TrakModelFeatures {
  blocks: FeatureBlock[];
  dim: number;
  /** Φ for the train pool: [n × dim] (margin output). */
  phi: Float32Array;
  /** p_y of each train point. */
  py: Float32Array;
}

export interface FeatureDims {
  full: boolean;
  lastLayerDim: number;
  hiddenDim: number;
  inputDim: number;
  deltaDim: number;
}

/**
 * One model's train features Φ and target factors, from its forward pass on the train pool
 * and on all targets (train pool then validation), its last layer W, and the train labels.
 */
export function trakModelFeatures(
  train: ModelForward,
  targets: ModelForward,
  lastW: Float32Array,
  labels: Uint8Array,
  classes: number,
  dims: FeatureDims,
  seed: number,
): TrakModelFeatures {
  const n = train.rows;
  const t = targets.rows;
  const c = classes;
  const blocks: FeatureBlock[] = [];
  const trainFactors: { a: Float32Array; b: Float32Array }[] = [];
  const { g, py } = marginGradients(train.logits, labels, c);

  const firstLayer = dims.full && train.input && train.active && targets.input && targets.active;
  if (firstLayer) {
    const d = train.d!;
    const h = train.dh;
    const p = gaussianProjection(d + 1, dims.inputDim, deriveSeed(seed, 'trak-input'));
    const q = gaussianProjection(h, dims.deltaDim, deriveSeed(seed, 'trak-delta'));
    const kb = dims.deltaDim;
    const bTrain = firstLayerSensitivity(train.active!, n, h, lastW, c, q, kb);
    // train points: b = B(x) g (the margin's first-layer sensitivity, projected)
    const bg = new Float32Array(n * kb);
    for (let i = 0; i < n; i++) {
      for (let r = 0; r < kb; r++) {
        let s = 0;
        for (let j = 0; j < c; j++) s += bTrain[(i * kb + r) * c + j] * g[i * c + j];
        bg[i * kb + r] = s;
      }
    }
    trainFactors.push({ a: projectWithBias(train.input!, n, d, p, dims.inputDim), b: bg });
    blocks.push({
      ka: dims.inputDim,
      kb,
      a: projectWithBias(targets.input!, t, d, p, dims.inputDim),
      b: firstLayerSensitivity(targets.active!, t, h, lastW, c, q, kb),
    });
  }

  const dh = train.dh;
  const width = dims.full && firstLayer ? dims.hiddenDim : dims.lastLayerDim;
  const exact = dh + 1 <= (dims.full && firstLayer ? dims.hiddenDim : PROJECT_ABOVE);
  const ka = exact ? dh + 1 : width;
  const proj = exact ? null : gaussianProjection(dh + 1, ka, deriveSeed(seed, 'trak-hidden'));
  trainFactors.push({ a: projectWithBias(train.hidden, n, dh, proj, ka), b: g });
  blocks.push({ ka, kb: c, a: projectWithBias(targets.hidden, t, dh, proj, ka), b: null });

  const dim = blocks.reduce((s, b) => s + b.ka * b.kb, 0);
  const phi = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    let o = i * dim;
    blocks.forEach((blk, k) => {
      const { a, b } = trainFactors[k];
      for (let x = 0; x < blk.ka; x++) {
        const ax = a[i * blk.ka + x];
        for (let y = 0; y < blk.kb; y++) phi[o + x * blk.kb + y] = ax * b[i * blk.kb + y];
      }
      o += blk.ka * blk.kb;
    });
  }
  return { blocks, dim, phi, py };
}
