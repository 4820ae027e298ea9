import { tf } from '../tf';
import type { Ensemble } from '../models/ensemble';
import { throwIfAborted } from '../train/errors';
import { deriveSeed } from '../util/rng';
import type { AttributionContext } from './context';
import { FactoredDatamodels, interceptFor } from './factored';
import { spdInverse } from './linalg';
import { DEFAULT_SUBSET_CHUNK, trakOptionsSchema, type TrakOptions } from './meta';
import { KronRight, type RightFactor } from './right-factors';
import { trainSubsetModels } from './subset-models';
import { trakModelFeatures, type FeatureDims } from './trak-features';
import { forwardModel, lastLayer, type ModelForward } from './trak-forward';

/**
 * TRAK-style gradient attribution (Park et al. 2023), per logit, kept factored:
 *
 *     β_i(x, c) = (1/N) Σ_m φ_m(x, c)ᵀ (Φ_mᵀ Φ_m + λI)⁻¹ φ_m(x_i) (1 − p_i)
 *
 * Φ_m: projected margin gradients of the train pool under trained model m (trak-features.ts),
 * φ_m(x, c): projected gradient of logit c at target x. Stored as L = [Φ_m K_m⁻¹ diag(1−p)/N]
 * over models (n × ΣD) and the target factors; nothing n × targets is ever formed.
 *
 * Modes: 'trak' differentiates every layer of linear and mlp models analytically; cnn-s
 * only offers 'trak-last-layer' (per-example conv gradients for every target and logit are
 * beyond a browser), which uses only the final dense layer's gradient, h(x) ⊗ ∂o/∂z, and
 * is labelled as such. For `linear` the last layer is the whole model.
 *
 * Scale: TRAK scores are meaningful up to a factor (its kernel stands in for the Hessian),
 * which is harmless for LDS but not for DMM, which subtracts Σβ from logits. So unless
 * `calibrationModels` is 0, we train that many α-subset models (own seed stream) and fit
 * one scalar s by least squares between predicted and measured logit changes across them
 * (both centred across models and across classes, so the softmax's free shift is ignored).
 * Those subsets are large (α = 0.9 by default), near the full pool where DMM works.
 * The originals are not counted in the cost: the experiment trains them anyway.
 */
export type TrakEstimator = 'trak' | 'trak-last-layer';

export async function trakDatamodels(
  ensemble: Ensemble,
  ctx: AttributionContext,
  estimator: TrakEstimator = 'trak-last-layer',
  options: Partial<TrakOptions> = {},
): Promise<FactoredDatamodels> {
  const o = trakOptionsSchema.parse(options);
  const full = estimator === 'trak';
  if (full && ensemble.spec.kind === 'cnn-s') {
    throw new Error('Full-gradient TRAK is available for the linear and mlp models; use trak-last-layer for cnn-s');
  }
  const start = performance.now();
  const n = ctx.labels.length;
  const v = ctx.validationLabels.length;
  const c = ctx.classes;
  const t = n + v;
  const models = Math.min(o.models, ensemble.size);
  const dims: FeatureDims = { full, lastLayerDim: o.lastLayerDim, hiddenDim: o.hiddenDim, inputDim: o.inputDim, deltaDim: o.deltaDim };
  const allInputs = tf.concat([ctx.trainInputs, ctx.validationInputs], 0);

  const lefts: Float32Array[] = [];
  const blocks: RightFactor[] = [];
  const meanLogits = new Float32Array(t * c);
  let dimPerModel = 0;
  try {
    for (let m = 0; m < models; m++) {
      throwIfAborted(ctx.signal);
      ctx.onProgress?.({ stage: `TRAK: model ${m + 1} of ${models}`, done: m, total: models, secondsLeft: m ? ((performance.now() - start) / 1000 / m) * (models - m) : null });
      const targets = await forwardModel(ensemble, m, allInputs);
      const train = sliceForward(targets, n);
      const { w } = await lastLayer(ensemble, m);
      for (let j = 0; j < t * c; j++) meanLogits[j] += targets.logits[j] / models;
      const f = trakModelFeatures(train, targets, w, ctx.labels, c, dims, deriveSeed(ctx.seed, 'trak', m));
      dimPerModel = f.dim;
      const left = await kernelSolve(f.phi, n, f.dim, o.lambda);
      for (let i = 0; i < n; i++) {
        const s = (1 - f.py[i]) / models;
        for (let k = 0; k < f.dim; k++) left[i * f.dim + k] *= s;
      }
      lefts.push(left);
      for (const b of f.blocks) blocks.push(new KronRight(b.a, b.b, b.ka, b.kb, t, c));
      await new Promise((r) => setTimeout(r, 0)); // let cancel and progress messages through
    }
  } finally {
    allInputs.dispose();
  }

  const rank = lefts.reduce((s, l) => s + l.length / n, 0);
  const left = new Float32Array(n * rank);
  let col = 0;
  for (const l of lefts) {
    const d = l.length / n;
    for (let i = 0; i < n; i++) left.set(l.subarray(i * d, (i + 1) * d), i * rank + col);
    col += d;
  }
  const shape = { trainSize: n, validationSize: v, classes: c };
  const ones = new Float32Array(n).fill(1);
  let scale = 1;
  if (o.calibrationModels > 0) {
    scale = await calibrationScale(left, blocks, shape, ctx, o);
    for (let j = 0; j < left.length; j++) left[j] *= scale;
  }
  const intercept = interceptFor(left, blocks, shape, meanLogits, ones);
  const seconds = (performance.now() - start) / 1000;
  return new FactoredDatamodels({
    ...shape,
    estimator,
    cost: { seconds, modelsTrained: o.calibrationModels },
    info: {
      mode: full ? 'all layers (analytic gradients, Kronecker-projected)' : 'last layer only',
      models,
      featureDim: dimPerModel,
      lambdaRelative: o.lambda,
      scale,
      calibration: o.calibrationModels > 0 ? `${o.calibrationModels} subset models, α = ${o.calibrationAlpha}` : 'none (raw TRAK scale)',
    },
    left,
    blocks,
    intercept,
  });
}

/** The first `rows` rows of a forward pass (the train pool part of "all targets"). */
function sliceForward(f: ModelForward, rows: number): ModelForward {
  const c = f.logits.length / f.rows;
  const h = f.active ? f.active.length / f.rows : 0;
  return {
    rows,
    hidden: f.hidden.subarray(0, rows * f.dh),
    dh: f.dh,
    logits: f.logits.subarray(0, rows * c),
    input: f.input?.subarray(0, rows * (f.d ?? 0)),
    d: f.d,
    active: f.active?.subarray(0, rows * h),
  };
}

/**
 * Φ (ΦᵀΦ + λI)⁻¹, λ relative to trace(ΦᵀΦ)/D, with the two big products on the backend and
 * the inverse in float64 on the CPU. When the pool is smaller than the feature dimension
 * the same matrix is (ΦΦᵀ + λI)⁻¹ Φ (push-through identity), an n × n inverse instead.
 */
export async function kernelSolve(phi: Float32Array, n: number, dim: number, lambdaRelative: number): Promise<Float32Array> {
  let sumSquares = 0;
  for (let j = 0; j < phi.length; j++) sumSquares += phi[j] * phi[j];
  const lambda = (lambdaRelative * sumSquares) / dim + 1e-12;
  const dual = n < dim;
  const size = dual ? n : dim;
  const phiT = tf.tensor2d(phi, [n, dim]);
  try {
    const kernelT = tf.tidy(() => (dual ? tf.matMul(phiT, tf.transpose(phiT)) : tf.matMul(tf.transpose(phiT), phiT)));
    const kernel = Float64Array.from((await kernelT.data()) as Float32Array);
    kernelT.dispose();
    for (let k = 0; k < size; k++) kernel[k * size + k] += lambda;
    const inv = tf.tensor2d(Float32Array.from(spdInverse(kernel, size)), [size, size]);
    const product = dual ? tf.matMul(inv, phiT) : tf.matMul(phiT, inv);
    inv.dispose();
    const out = (await product.data()) as Float32Array;
    product.dispose();
    return out;
  } finally {
    phiT.dispose();
  }
}

/**
 * The least-squares scale s for predicted vs measured logits on fresh subset models, both
 * centred across models (removes the intercept) and across classes (removes the softmax's
 * free per-point shift, which TRAK's margin-based features cannot see). Clamped at 0: an
 * anti-correlated attribution predicts no change rather than the opposite one.
 */
async function calibrationScale(
  left: Float32Array,
  blocks: RightFactor[],
  shape: { trainSize: number; validationSize: number; classes: number },
  ctx: AttributionContext,
  o: TrakOptions,
): Promise<number> {
  const subsets = await trainSubsetModels({
    spec: ctx.spec,
    training: ctx.training,
    trainInputs: ctx.trainInputs,
    validationInputs: ctx.validationInputs,
    inputDim: ctx.inputDim,
    labels: ctx.labels,
    classes: ctx.classes,
    models: o.calibrationModels,
    alpha: o.calibrationAlpha,
    seed: deriveSeed(ctx.seed, 'trak-calibration'),
    chunkSize: DEFAULT_SUBSET_CHUNK[ctx.spec.kind],
    stage: 'TRAK scale calibration',
    onProgress: ctx.onProgress,
    signal: ctx.signal,
  });
  const raw = new FactoredDatamodels({
    ...shape,
    estimator: 'trak',
    cost: { seconds: 0, modelsTrained: 0 },
    info: {},
    left,
    blocks,
    intercept: new Float32Array((shape.trainSize + shape.validationSize) * shape.classes),
  });
  const k = subsets.models;
  const n = shape.trainSize;
  const c = shape.classes;
  const width = (n + shape.validationSize) * c;
  const predicted = new Float32Array(k * width);
  for (let m = 0; m < k; m++) {
    const mask = subsets.masks.subarray(m * n, (m + 1) * n);
    predicted.set(raw.predict(mask, 'train'), m * width);
    predicted.set(raw.predict(mask, 'validation'), m * width + n * c);
  }
  const centred = (a: Float32Array) => {
    const out = new Float64Array(a.length);
    for (let j = 0; j < width; j++) {
      let mean = 0;
      for (let m = 0; m < k; m++) mean += a[m * width + j] / k;
      for (let m = 0; m < k; m++) out[m * width + j] = a[m * width + j] - mean;
    }
    for (let r = 0; r < out.length; r += c) {
      let mean = 0;
      for (let j = 0; j < c; j++) mean += out[r + j] / c;
      for (let j = 0; j < c; j++) out[r + j] -= mean;
    }
    return out;
  };
  const p = centred(predicted);
  const y = centred(subsets.outputs);
  let py = 0;
  let pp = 0;
  for (let j = 0; j < p.length; j++) {
    py += p[j] * y[j];
    pp += p[j] * p[j];
  }
  return pp > 0 ? Math.max(0, py / pp) : 0;
}
