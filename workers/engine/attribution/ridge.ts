import { Rng, deriveSeed } from '../util/rng';
import { FactoredDatamodels, interceptFor } from './factored';
import { spdInverse, trace } from './linalg';
import { DenseRight } from './right-factors';
import type { SubsetModels } from './subset-models';
import type { AttributionCost } from './types';

/**
 * Ridge regression datamodels in the dual form, from subset models (pure, no tfjs).
 *
 * With M subset models (masks X ∈ {0,1}^{M×n}, centred per point: Xc = X − m̄) and their
 * logits Y [M × targets·C] (centred per output: Yc = Y − Ȳ), ridge gives
 *
 *     β = Xcᵀ (Xc Xcᵀ + λI)⁻¹ Yc = A · Yc,   A = Xcᵀ (Xc Xcᵀ + λI)⁻¹  [n × M].
 *
 * M ≪ n in a browser, so the M × M system is the small one, and we never multiply A by
 * Yc: β stays factored as (A, Yc) and Σ_{i∈F} β_i = (Σ_{i∈F} A_i) · Yc is one M-vector
 * times the stored outputs. Intercept b = Ȳ − m̄ᵀβ, so a prediction is Ȳ + (s − m̄)ᵀβ.
 *
 * λ is chosen by leave-one-model-out error over a seeded sample of outputs, using the
 * closed form residual_m / (1 − H_mm). The intercept must be part of the hat matrix:
 * with centred data, H = J + K(K+λI)⁻¹ (J = 11ᵀ/M, since K1 = 0), so with G = (K+λI)⁻¹
 * the LOO residual is λ(G Yc)_m / (λ G_mm − 1/M). (Leaving J out makes the centring leak
 * the held-out model into the fit: it then "predicts" it almost perfectly at tiny λ.)
 * The grid is relative to trace(K)/M ≈ n α(1−α). The mask means m̄ still use every
 * model, an O(1/M) optimism we accept.
 *
 * Know the regime: when M ≪ n the minimum-norm-like ridge solution spreads each effect
 * over the M-dimensional row space of Xc, so an individual β_i is shrunk by roughly M/n.
 * Predictions for fresh random α-subsets (what LDS scores) are unaffected in expectation,
 * but the removal effect of a small forget set is underestimated; the sparse variant
 * (sparse-fit.ts) and more models are the remedies. We report the LOO R² so this is visible.
 */
export const RIDGE_LAMBDA_GRID = [1e-3, 1e-2, 0.03, 0.1, 0.3, 1, 3, 10] as const;
/** Outputs (target × logit pairs) sampled for the LOO choice of λ. */
export const RIDGE_LOO_OUTPUTS = 2048;

export interface RidgeOptions {
  /** 'loo' (default) or a value relative to trace(K)/M. */
  lambda: 'loo' | number;
  /** Leave each train point's weight on its own output unpenalized (see unpenalizedSelf). */
  unpenalizedSelf: boolean;
  seed: number;
}

export interface CenteredSubsets {
  /** m̄, [n] */
  maskMean: Float64Array;
  /** Xc, [M × n] */
  xc: Float64Array;
  /** Ȳ, [targets × C] */
  outputMean: Float32Array;
  /** Yc, [M × targets × C] */
  yc: Float32Array;
}

export function centerSubsets(s: SubsetModels): CenteredSubsets {
  const { models: mCount, trainSize: n } = s;
  const width = (s.trainSize + s.validationSize) * s.classes;
  const maskMean = new Float64Array(n);
  for (let m = 0; m < mCount; m++) for (let i = 0; i < n; i++) maskMean[i] += s.masks[m * n + i] / mCount;
  const xc = new Float64Array(mCount * n);
  for (let m = 0; m < mCount; m++) for (let i = 0; i < n; i++) xc[m * n + i] = s.masks[m * n + i] - maskMean[i];
  const mean = new Float64Array(width);
  for (let m = 0; m < mCount; m++) for (let j = 0; j < width; j++) mean[j] += s.outputs[m * width + j];
  for (let j = 0; j < width; j++) mean[j] /= mCount;
  const yc = new Float32Array(mCount * width);
  for (let m = 0; m < mCount; m++) for (let j = 0; j < width; j++) yc[m * width + j] = s.outputs[m * width + j] - mean[j];
  return { maskMean, xc, outputMean: Float32Array.from(mean), yc };
}

/** K = Xc Xcᵀ, [M × M]. */
export function maskKernel(xc: Float64Array, models: number, n: number): Float64Array {
  const k = new Float64Array(models * models);
  for (let a = 0; a < models; a++) {
    for (let b = 0; b <= a; b++) {
      let s = 0;
      const ra = a * n;
      const rb = b * n;
      for (let i = 0; i < n; i++) s += xc[ra + i] * xc[rb + i];
      k[a * models + b] = s;
      k[b * models + a] = s;
    }
  }
  return k;
}

export interface LambdaChoice {
  /** Absolute λ. */
  lambda: number;
  /** λ relative to trace(K)/M. */
  relative: number;
  /** 1 − LOO MSE / variance, on the sampled outputs (NaN when λ was given). */
  looR2: number;
}

/** Picks λ on the grid by exact leave-one-model-out error on a seeded sample of outputs. */
export function chooseLambda(kernel: Float64Array, models: number, yc: Float32Array, width: number, seed: number): LambdaChoice {
  const scale = trace(kernel, models) / models;
  const rng = new Rng(deriveSeed(seed, 'ridge-loo'));
  const cols = rng.sample(width, Math.min(RIDGE_LOO_OUTPUTS, width));
  const q = cols.length;
  const y = new Float64Array(models * q);
  let variance = 0;
  for (let m = 0; m < models; m++) {
    for (let j = 0; j < q; j++) {
      const v = yc[m * width + cols[j]];
      y[m * q + j] = v;
      variance += v * v;
    }
  }
  let best: LambdaChoice = { lambda: NaN, relative: NaN, looR2: -Infinity };
  for (const rel of RIDGE_LAMBDA_GRID) {
    const lambda = rel * scale;
    const g = withRidgeInverse(kernel, models, lambda);
    let sse = 0;
    const row = new Float64Array(q);
    for (let m = 0; m < models; m++) {
      row.fill(0);
      for (let k = 0; k < models; k++) {
        const gmk = g[m * models + k];
        for (let j = 0; j < q; j++) row[j] += gmk * y[k * q + j];
      }
      const d = lambda * g[m * models + m] - 1 / models;
      for (let j = 0; j < q; j++) sse += ((lambda * row[j]) / d) ** 2;
    }
    const r2 = variance > 0 ? 1 - sse / variance : NaN;
    if (r2 > best.looR2 || !Number.isFinite(best.lambda)) best = { lambda, relative: rel, looR2: r2 };
  }
  return best;
}

function withRidgeInverse(kernel: Float64Array, models: number, lambda: number): Float64Array {
  const a = Float64Array.from(kernel);
  for (let m = 0; m < models; m++) a[m * models + m] += lambda;
  return spdInverse(a, models);
}

/** Ridge datamodels from trained subset models (see the file comment). */
/** `cost` is called once the fit is done, so it can include the fit's own time. */
export function ridgeFromSubsets(s: SubsetModels, options: RidgeOptions, cost: () => AttributionCost, alpha: number): FactoredDatamodels {
  const { models: mCount, trainSize: n, classes: c } = s;
  const targets = s.trainSize + s.validationSize;
  const centered = centerSubsets(s);
  const kernel = maskKernel(centered.xc, mCount, n);
  const choice: LambdaChoice =
    options.lambda === 'loo'
      ? chooseLambda(kernel, mCount, centered.yc, targets * c, options.seed)
      : { lambda: options.lambda * (trace(kernel, mCount) / mCount), relative: options.lambda, looR2: NaN };
  const g = withRidgeInverse(kernel, mCount, choice.lambda);
  // A = Xcᵀ G, [n × M]
  const left = new Float32Array(n * mCount);
  const acc = new Float64Array(mCount);
  for (let i = 0; i < n; i++) {
    acc.fill(0);
    for (let m = 0; m < mCount; m++) {
      const x = centered.xc[m * n + i];
      if (x === 0) continue;
      const row = m * mCount;
      for (let k = 0; k < mCount; k++) acc[k] += x * g[row + k];
    }
    left.set(acc, i * mCount);
  }
  const blocks = [new DenseRight(centered.yc, mCount, targets, c)];
  const shape = { trainSize: n, validationSize: s.validationSize, classes: c };
  const self = options.unpenalizedSelf ? unpenalizedSelf(left, centered, mCount, n, targets, c) : undefined;
  const intercept = interceptFor(left, blocks, shape, centered.outputMean, centered.maskMean, self);
  return new FactoredDatamodels({
    ...shape,
    estimator: 'regression',
    cost: cost(),
    info: {
      models: mCount,
      alpha,
      lambda: choice.lambda,
      lambdaRelative: choice.relative,
      lambdaRule: options.lambda === 'loo' ? 'leave-one-model-out' : 'fixed',
      looR2: choice.looR2,
      selfWeight: options.unpenalizedSelf ? 'unpenalized' : 'ridge',
    },
    left,
    blocks,
    intercept,
    self,
  });
}

/**
 * The extra diagonal that leaves each train point's weight on its OWN output unpenalized.
 *
 * With M ≪ n, ridge shrinks every single coefficient by about h = M/n, including a point's
 * self-influence, which is the largest effect of removing it (memorisation) and the one
 * unlearning cares about most. Refitting target t's own column without penalty, by
 * Frisch–Waugh–Lovell with the ridge residual-maker λ(K+λI)⁻¹ on the other columns
 * (taking K without column t ≈ K, one column of n), gives
 *
 *     β_t(t, c) = x_tᵀ G Yc(t, c) / (x_tᵀ G x_t),   G = (K + λI)⁻¹,  x_t = Xc[:, t],
 *
 * and since A_t = G x_t, the ridge diagonal is A_t · Yc(t, c): the refit is the ridge
 * diagonal divided by its own shrinkage h_t = x_tᵀ G x_t. Stored as the difference.
 */
function unpenalizedSelf(left: Float32Array, centered: CenteredSubsets, models: number, n: number, targets: number, c: number): Float32Array {
  const self = new Float32Array(n * c);
  const width = targets * c;
  for (let t = 0; t < n; t++) {
    let h = 0;
    for (let m = 0; m < models; m++) h += centered.xc[m * n + t] * left[t * models + m];
    if (!(h > 0)) continue;
    for (let j = 0; j < c; j++) {
      let diag = 0;
      for (let m = 0; m < models; m++) diag += left[t * models + m] * centered.yc[m * width + t * c + j];
      self[t * c + j] = diag * (1 / h - 1);
    }
  }
  return self;
}
