import { tf } from '../tf';
import type { Ensemble } from '../compute/types';
import { throwIfAborted } from '../train/errors';
import { deriveSeed } from '../util/rng';
import type { AttributionContext } from './context';
import { FactoredDatamodels, interceptFor } from './factored';
import { spdInverse } from './linalg';
import { trakOptionsSchema, type TrakOptions } from './meta';
import { calibrateTrak, type TrakCalibration } from './trak-calibration';
import { KronRight, type RightFactor } from './right-factors';
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
 * which is harmless for LDS but not for DMM, which subtracts Σβ from logits. Unless
 * `calibrationModels` is 0, trak-calibration.ts fits two scales on that many fresh subset
 * models: one for a point's influence on others, one for its influence on itself.
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
  const sets = [ctx.inputs.sets.train!, ctx.inputs.sets.validation!];
  const weights = await ensemble.weights();

  const lefts: Float32Array[] = [];
  const blocks: RightFactor[] = [];
  const meanLogits = new Float32Array(t * c);
  let dimPerModel = 0;
  for (let m = 0; m < models; m++) {
    throwIfAborted(ctx.signal);
    ctx.onProgress?.({ stage: `TRAK: model ${m + 1} of ${models}`, done: m, total: models, secondsLeft: m ? ((performance.now() - start) / 1000 / m) * (models - m) : null });
    const targets = await forwardModel(ensemble.spec, weights[m], ctx.inputDim, c, sets, ctx.inputs.imageShape);
    const train = sliceForward(targets, n);
    const { w } = lastLayer(weights[m]);
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
  let calibration: TrakCalibration | null = null;
  let self: Float32Array | undefined;
  if (o.calibrationModels > 0) {
    const raw = new FactoredDatamodels({ ...shape, estimator, cost: { seconds: 0, modelsTrained: 0 }, info: {}, left, blocks, intercept: new Float32Array(t * c) });
    const diagonal = raw.diagonal();
    calibration = await calibrateTrak(raw, diagonal, ctx, { models: o.calibrationModels, alpha: o.calibrationAlpha });
    for (let j = 0; j < left.length; j++) left[j] *= calibration.cross;
    self = Float32Array.from(diagonal, (d) => (calibration!.self - calibration!.cross) * d);
  }
  const intercept = interceptFor(left, blocks, shape, meanLogits, ones, self);
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
      calibration: calibration ? `${o.calibrationModels} subset models, α = ${o.calibrationAlpha}` : 'none (raw TRAK scale)',
      scaleOthers: calibration?.cross ?? 1,
      scaleSelf: calibration?.self ?? 1,
    },
    left,
    blocks,
    intercept,
    self,
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
