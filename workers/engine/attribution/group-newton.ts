import { tf } from '../tf';
import type { Compute, InputMatrix, ModelCurvature } from '../compute/types';
import type { ModelSpec } from '../models/spec';
import type { ModelWeights } from '../models/weights';
import { ekfacLayer, ekfacStep, eigenvectors, projectForget, read, withBias, type EkfacLayer, type EkfacModel, type ProjectedForget } from './ekfac';
import { sharedBasisSteps } from './ekfac-shared-basis';
import { nativeKernelsSupported } from '../native/kernels';
import { spdInverse } from './linalg';

/**
 * Group Newton: predicts each original model retrained without a forget set F by one
 * Newton step on the RETAIN set's curvature (Koh et al. 2019, "On the accuracy of influence
 * functions for measuring group effects"):
 *
 *     θ_R ≈ θ̂ + H_R⁻¹ (1/|R|) Σ_{i∈F} ∇ℓ_i(θ̂)
 *
 * (the retrain's first-order optimality, with ∇L_S(θ̂) ≈ 0 at the trained originals). The
 * curvature is K-FAC's (Martens & Grosse 2015), one Kronecker block per dense layer with
 * its bias folded in, H_l ≈ A_l ⊗ G_l: A the covariance of the layer's inputs, G that of
 * the loss gradients at its outputs (empirical Fisher), both over R. Why this sees group
 * effects that first-order attribution misses: R's statistics lack F. A coherent group (a
 * sub-population, a backdoor trigger) occupies input directions that R barely covers, so
 * A_R⁻¹ is large exactly there and the step erases what the group taught the model, where a
 * sum of per-point scores (each computed with F's own curvature present) stays small.
 *
 * Split for cost: the full-pool statistics of every model are computed once (`prepare`:
 * one forward pass per model, independent of F, cached with the originals), and each
 * forget set only subtracts F's share (A_R = (n A_S − |F| A_F) / |R|) and solves: one
 * (d+1)² inverse shared by all models (A₁ depends on the fixed inputs alone) and small
 * per-model ones, then one matmul for all models' first-layer steps.
 *
 * The eigenvalues: K-FAC's products of the factors' (below), or EK-FAC's, re-fitted to the
 * per-example gradients (`ekfac.ts`), which DMM and DM-direct use by default because its step
 * has the same shape on every kind of group (measured there), where K-FAC's step length
 * depends on the group, as follows.
 *
 * K-FAC's damping: each factor gets γ · (its mean eigenvalue) added to its diagonal, γ = 1 by
 * default. The best γ depends on the group, so no single value is right: measured on the
 * CIFAR-10 subset at N = 32 (the forget margins' mean shift, predicted / retrained, as the
 * page's group-removal check reports it), γ = 1 under-shoots a random set (−0.61 / −0.84)
 * and a mislabeled one (−1.47 / −1.78) and over-shoots a sub-population (−3.62 / −2.31),
 * where γ = 2 fits (−2.54) but halves the random set's shift. A line search on the retain
 * loss along the step (tried, removed) under-shot every set: early-stopped retraining is
 * not the optimum of the retain loss. The true Fisher in place of the empirical one (labels
 * sampled from the ensemble's predictions; tried, not kept) shrank every step alike, as more
 * damping does (random −0.42, sub-population −2.94, mislabeled −1.02). The models predicted are MLPs and linear models (for
 * `linear` the one layer is the whole model, and the step is the classic influence-function
 * retrain for a group).
 */
export interface GroupNewtonOptions {
  /** Relative Tikhonov damping of every Kronecker factor. */
  damping: number;
  /** Which layers take the step (the MLP's hidden layer is where a group's features live). */
  layers: 'all' | 'last';
  /**
   * Whose curvature the step uses: the retain set's (group Newton, the default), or the
   * whole pool's, F included: the classic influence-function removal (Koh & Liang 2017),
   * θ + H_S⁻¹ Σ_F ∇ℓ_i / n, which treats F as a sum of small, independent points.
   */
  curvature?: 'retain' | 'pool';
  /**
   * K-FAC's eigenvalues (products of the factors', damped per factor) or EK-FAC's, re-fitted
   * to the per-example gradients (`ekfac.ts`; damping then relative to Λ's mean, and the
   * state must carry `ekfac`, from `prepareEkfac`). Retain curvature only.
   */
  eigenvalues?: 'kfac' | 'ekfac';
  /** Multiplies the step (EK-FAC's: early-stopped training moves less than the optimum it predicts). */
  stepScale?: number;
}

interface LayerStats {
  /** Σ_S ã ãᵀ (not normalised), [(in+1)²]. */
  a: Float64Array;
  /** Σ_S g gᵀ (not normalised), [out²]. */
  g: Float64Array;
  in: number;
  out: number;
}

/** The F-independent part: full-pool layer statistics of every model. */
export interface GroupNewtonState {
  spec: ModelSpec;
  inputDim: number;
  classes: number;
  pool: number;
  /** First layer's input statistics (the fixed inputs): the same for every model. */
  inputGram: Float64Array;
  /** Per model: the hidden layer's gradient statistics (mlp), and the last layer's. */
  models: { hidden: LayerStats | null; last: LayerStats }[];
  /** EK-FAC's bases and eigenvalues per model, where `prepareEkfac` has added them. */
  ekfac?: EkfacModel[];
}

interface Forward {
  /** Last layer inputs [rows × h] (the inputs themselves for linear). */
  hidden: Float32Array;
  /** Gradient of the loss at the hidden pre-activations [rows × h] (mlp). */
  delta: Float32Array | null;
  /** Gradient at the logits, p − onehot(y) [rows × C]. */
  err: Float32Array;
}

/** One model's forward and backward quantities on some rows (tfjs for the matmuls). */
async function forward(spec: ModelSpec, w: ModelWeights, x: Float32Array, rows: number, dim: number, labels: Int32Array, classes: number): Promise<Forward> {
  if (spec.kind === 'linear') {
    const err = tf.tidy(() => {
      const z = tf.add(tf.matMul(tf.tensor2d(x, [rows, dim]), tf.tensor2d(w[0], [dim, classes])), tf.tensor1d(w[1]));
      return tf.sub(tf.softmax(z), tf.oneHot(tf.tensor1d(labels, 'int32'), classes).toFloat());
    });
    return { hidden: x, delta: null, err: await read(err) };
  }
  const h = w[1].length;
  const [hidden, err, delta] = tf.tidy(() => {
    const w2 = tf.tensor2d(w[2], [h, classes]);
    const pre = tf.add(tf.matMul(tf.tensor2d(x, [rows, dim]), tf.tensor2d(w[0], [dim, h])), tf.tensor1d(w[1]));
    const hid = tf.relu(pre);
    const e = tf.sub(tf.softmax(tf.add(tf.matMul(hid, w2), tf.tensor1d(w[3]))), tf.oneHot(tf.tensor1d(labels, 'int32'), classes).toFloat());
    return [hid, e, tf.mul(tf.matMul(e, tf.transpose(w2)), tf.step(pre))];
  });
  return { hidden: await read(hidden), err: await read(err), delta: await read(delta) };
}

/** Σ over rows of [v; 1][v; 1]ᵀ (with the bias column) or v vᵀ, in float64. */
async function gram(v: Float32Array, rows: number, dim: number, bias: boolean): Promise<Float64Array> {
  const g = tf.tidy(() => {
    const m = tf.tensor2d(v.subarray(0, rows * dim), [rows, dim]);
    return tf.matMul(tf.transpose(m), m);
  });
  const inner = await read(g);
  if (!bias) return Float64Array.from(inner);
  // The bias column (all ones) adds the column sums and the row count: no concat on the backend.
  const d = dim + 1;
  const out = new Float64Array(d * d);
  for (let i = 0; i < dim; i++) out.set(inner.subarray(i * dim, (i + 1) * dim), i * d);
  const sums = new Float64Array(dim);
  for (let r = 0; r < rows; r++) for (let j = 0; j < dim; j++) sums[j] += v[r * dim + j];
  for (let j = 0; j < dim; j++) out[j * d + dim] = out[dim * d + j] = sums[j];
  out[dim * d + dim] = rows;
  return out;
}

function gatherRows(x: Float32Array, dim: number, rows: Int32Array): Float32Array {
  const out = new Float32Array(rows.length * dim);
  rows.forEach((r, i) => out.set(x.subarray(r * dim, (r + 1) * dim), i * dim));
  return out;
}

/** One model's full-pool statistics with tfjs (the reference for the native pass, and cnn-free tfjs shards). */
export async function tfjsModelCurvature(spec: ModelSpec, w: ModelWeights, inputs: InputMatrix, labels: Uint8Array, classes: number): Promise<ModelCurvature> {
  const { rows, dim } = inputs;
  const f = await forward(spec, w, inputs.values, rows, dim, Int32Array.from(labels), classes);
  const h = spec.kind === 'mlp' ? w[1].length : dim;
  return {
    lastInputs: spec.kind === 'mlp' ? await gram(f.hidden, rows, h, true) : null,
    logitGradients: await gram(f.err, rows, classes, false),
    hiddenGradients: f.delta ? await gram(f.delta, rows, h, false) : null,
  };
}

/** The F-independent state from every model's statistics and the pool's inputs. */
export async function groupNewtonState(spec: ModelSpec, inputs: InputMatrix, curvatures: ModelCurvature[], classes: number): Promise<GroupNewtonState> {
  if (spec.kind === 'cnn-s') throw new Error('Group Newton predicts linear and mlp models; for cnn-s use trak-last-layer');
  const { rows, dim } = inputs;
  const inputGram = await gram(inputs.values, rows, dim, true);
  const models = curvatures.map((m): GroupNewtonState['models'][number] => {
    const h = spec.kind === 'mlp' ? spec.hidden : dim;
    const last: LayerStats = { a: m.lastInputs ?? inputGram, g: m.logitGradients, in: h, out: classes };
    return { hidden: m.hiddenGradients ? { a: inputGram, g: m.hiddenGradients, in: dim, out: h } : null, last };
  });
  return { spec, inputDim: dim, classes, pool: rows, inputGram, models };
}

/**
 * The F-independent statistics, from every original's weights and the pool's inputs and
 * training labels, model by model with tfjs in this thread. Cost: one forward/backward pass
 * over the pool per model. A run computes them on its ensemble instead (`Ensemble.curvature`:
 * the native kernels, spread over the pool); this is the reference it is tested against.
 */
export async function prepareGroupNewton(spec: ModelSpec, weights: ModelWeights[], inputs: InputMatrix, labels: Uint8Array, classes: number): Promise<GroupNewtonState> {
  if (spec.kind === 'cnn-s') throw new Error('Group Newton predicts linear and mlp models; for cnn-s use trak-last-layer');
  const curvatures: ModelCurvature[] = [];
  for (const w of weights) curvatures.push(await tfjsModelCurvature(spec, w, inputs, labels, classes));
  return groupNewtonState(spec, inputs, curvatures, classes);
}

/**
 * Adds EK-FAC's bases and eigenvalues to a state (F-independent: once per ensemble). Cost:
 * one symmetric eigendecomposition of the inputs' factor (shared) and two per model, and one
 * forward/backward pass over the pool per model with tfjs in this thread.
 */
export async function prepareEkfac(s: GroupNewtonState, weights: ModelWeights[], inputs: InputMatrix, labels: Uint8Array): Promise<GroupNewtonState> {
  const { rows, dim } = inputs;
  const c = s.classes;
  const y = Int32Array.from(labels);
  const inputBasis = eigenvectors(s.inputGram, dim + 1);
  const x = withBias(inputs.values, rows, dim);
  const projected = tf.tidy(() => tf.matMul(x, tf.tensor2d(inputBasis, [dim + 1, dim + 1])));
  try {
    const ekfac: EkfacModel[] = [];
    for (const [m, w] of weights.entries()) {
      const f = await forward(s.spec, w, inputs.values, rows, dim, y, c);
      const stats = s.models[m];
      if (s.spec.kind === 'linear') {
        ekfac.push({ hidden: null, last: await ekfacLayer(x, projected, inputBasis, f.err, stats.last.g, c) });
        continue;
      }
      const h = stats.last.in;
      const hidden = withBias(f.hidden, rows, h);
      try {
        const last = await ekfacLayer(hidden, null, eigenvectors(stats.last.a, h + 1), f.err, stats.last.g, c);
        ekfac.push({ last, hidden: await ekfacLayer(x, projected, inputBasis, f.delta!, stats.hidden!.g, h) });
      } finally {
        hidden.dispose();
      }
    }
    return { ...s, ekfac };
  } finally {
    x.dispose();
    projected.dispose();
  }
}

/** (Σ_S − Σ_F) / count + γ · mean eigenvalue · I, inverted (Σ_F null: the whole pool's). */
function retainInverse(sumS: Float64Array, sumF: Float64Array | null, d: number, retain: number, damping: number): Float64Array {
  const m = new Float64Array(d * d);
  let tr = 0;
  for (let i = 0; i < d * d; i++) m[i] = (sumS[i] - (sumF ? sumF[i] : 0)) / retain;
  for (let i = 0; i < d; i++) tr += m[i * d + i];
  const add = (damping * tr) / d + 1e-12;
  for (let i = 0; i < d; i++) m[i * d + i] += add;
  return spdInverse(m, d);
}

/**
 * Weights of every original after the group Newton step for forget set F (rows of the
 * pool; labels are the training labels). The caller evaluates them like any ensemble.
 */
export async function groupNewtonWeights(
  s: GroupNewtonState,
  weights: ModelWeights[],
  inputs: InputMatrix,
  labels: Uint8Array,
  forget: Int32Array,
  o: GroupNewtonOptions,
  /** Where EK-FAC's hidden-layer steps run (the run's pool); this thread when omitted. */
  compute?: StepCompute,
): Promise<ModelWeights[]> {
  if (o.eigenvalues === 'ekfac') return ekfacWeights(s, weights, inputs, labels, forget, o, compute);
  const { dim } = inputs;
  const c = s.classes;
  const pool = o.curvature === 'pool';
  // the curvature's rows and what they are normalised by: R (group Newton) or all of S (influence)
  const retain = pool ? s.pool : s.pool - forget.length;
  if (forget.length === 0 || s.pool - forget.length <= 0) return weights.map((w) => w.map((a) => a.slice()));
  const without = async <T>(f: () => Promise<T>): Promise<T | null> => (pool ? null : f());
  const xF = gatherRows(inputs.values, dim, forget);
  const yF = Int32Array.from(forget, (i) => labels[i]);
  const inputGramF = await without(() => gram(xF, forget.length, dim, true));
  const inputInverse = o.layers === 'all' || s.spec.kind === 'linear' ? retainInverse(s.inputGram, inputGramF, dim + 1, retain, o.damping) : null;
  const sharedInputSide = inputInverse ? inputSide(inputInverse, xF, forget.length, dim, retain) : null;
  try {
  const result: ModelWeights[] = [];
  for (const [m, w] of weights.entries()) {
    const f = await forward(s.spec, w, xF, forget.length, dim, yF, c);
    const out = w.map((a) => a.slice());
    const stats = s.models[m];
    // last layer: its inputs are the hidden units (mlp) or the inputs (linear)
    {
      const h = stats.last.in;
      const gInv = retainInverse(stats.last.g, await without(() => gram(f.err, forget.length, c, false)), c, retain, o.damping);
      const own = s.spec.kind === 'linear' ? null : inputSide(retainInverse(stats.last.a, await without(() => gram(f.hidden, forget.length, h, true)), h + 1, retain, o.damping), f.hidden, forget.length, h, retain);
      const step = await layerStep(own ?? sharedInputSide!, f.err, forget.length, c, gInv);
      own?.dispose();
      const [wLast, bLast] = s.spec.kind === 'linear' ? [out[0], out[1]] : [out[2], out[3]];
      for (let i = 0; i < h * c; i++) wLast[i] += step[i];
      for (let j = 0; j < c; j++) bLast[j] += step[h * c + j];
    }
    if (s.spec.kind === 'mlp' && o.layers === 'all') {
      const h = stats.hidden!.out;
      const gInv = retainInverse(stats.hidden!.g, await without(() => gram(f.delta!, forget.length, h, false)), h, retain, o.damping);
      const step = await layerStep(sharedInputSide!, f.delta!, forget.length, h, gInv);
      for (let i = 0; i < dim * h; i++) out[0][i] += step[i];
      for (let j = 0; j < h; j++) out[1][j] += step[dim * h + j];
    }
    result.push(out);
  }
  return result;
  } finally {
    sharedInputSide?.dispose();
  }
}

/**
 * P = A⁻¹ [a_i; 1]_{i∈F}ᵀ / |R|, [(in+1) × |F|]: the input side of a layer's step. For the
 * first layer (and the linear model) A depends on the fixed inputs only, so one P serves
 * every model. The caller disposes it.
 */
function inputSide(aInv: Float64Array, a: Float32Array, rows: number, inDim: number, retain: number): tf.Tensor2D {
  return tf.tidy(() => tf.div(tf.matMul(tf.tensor2d(Float32Array.from(aInv), [inDim + 1, inDim + 1]), tf.transpose(withBias(a, rows, inDim))), retain));
}

/**
 * One layer's step P g G⁻¹ = A⁻¹ (Σ_{i∈F} [a_i; 1] g_iᵀ / |R|) G⁻¹, [(in+1) × out], bias row
 * last. The sign makes it ascent on F: adding it removes what F pulled the weights towards.
 */
async function layerStep(p: tf.Tensor2D, g: Float32Array, rows: number, outDim: number, gInv: Float64Array): Promise<Float64Array> {
  const step = tf.tidy(() => tf.matMul(tf.matMul(p, tf.tensor2d(g.subarray(0, rows * outDim), [rows, outDim])), tf.tensor2d(Float32Array.from(gInv), [outDim, outDim])));
  return Float64Array.from(await read(step));
}

/** Floats of F's stacked hidden-layer gradients per shared-basis product (16 MiB): chunks the models for a large F. */
const SHARED_STEP_FLOATS = 4 * 1024 * 1024;

/** Where the shared-basis hidden steps run: a compute's threads (the pool's workers), else this thread. */
export type StepCompute = Pick<Compute, 'sharedBasisSteps'>;

/**
 * Every model's hidden-layer step: on the native kernels, the models side by side in chunks
 * (ekfac-shared-basis.ts), spread over the compute's threads where one is given (on a
 * whole class these products are most of the step: 0.46 s of 0.67 on one core), else model
 * by model with tfjs.
 */
async function hiddenSteps(layers: EkfacLayer[], f: ProjectedForget, gradientsF: Float32Array[], rows: number, retain: number, damping: number, compute?: StepCompute): Promise<ArrayLike<number>[]> {
  if (nativeKernelsSupported()) {
    const paT = (await f.paT.data()) as Float32Array;
    const chunk = Math.max(1, Math.floor(SHARED_STEP_FLOATS / (rows * layers[0].dG)));
    const steps: Float32Array[] = [];
    for (let start = 0; start < layers.length; start += chunk) {
      const job = { layers: layers.slice(start, start + chunk), paT, gradientsF: gradientsF.slice(start, start + chunk), rows, retain, damping };
      // a compute whose threads lack the kernels answers null: this thread has them
      steps.push(...((await compute?.sharedBasisSteps(job)) ?? sharedBasisSteps(job)!));
    }
    return steps;
  }
  const steps: Float64Array[] = [];
  for (const [k, layer] of layers.entries()) steps.push(await ekfacStep(layer, f, gradientsF[k], rows, retain, damping));
  return steps;
}

/** groupNewtonWeights with EK-FAC's eigenvalues (`ekfac.ts`): the retain set's curvature, F's rows subtracted. */
async function ekfacWeights(s: GroupNewtonState, weights: ModelWeights[], inputs: InputMatrix, labels: Uint8Array, forget: Int32Array, o: GroupNewtonOptions, compute?: StepCompute): Promise<ModelWeights[]> {
  if (!s.ekfac) throw new Error('EK-FAC group Newton needs the state from prepareEkfac');
  if (o.curvature === 'pool') throw new Error('EK-FAC group Newton uses the retain set’s curvature');
  const { dim } = inputs;
  const c = s.classes;
  const retain = s.pool - forget.length;
  if (forget.length === 0 || retain <= 0) return weights.map((w) => w.map((a) => a.slice()));
  const scale = o.stepScale ?? 1;
  const xF = gatherRows(inputs.values, dim, forget);
  const yF = Int32Array.from(forget, (i) => labels[i]);
  const inputsF = withBias(xF, forget.length, dim);
  // every model's hidden layer shares the inputs' basis, so F's projection on it is made once
  const hiddenF = s.ekfac[0]?.hidden && o.layers === 'all' ? projectForget(s.ekfac[0].hidden, inputsF) : null;
  try {
    const result: ModelWeights[] = [];
    const hiddenGradients: Float32Array[] = [];
    for (const [m, w] of weights.entries()) {
      const f = await forward(s.spec, w, xF, forget.length, dim, yF, c);
      const model = s.ekfac[m];
      const out = w.map((a) => a.slice());
      const h = model.last.dA - 1;
      const lastInputs = s.spec.kind === 'linear' ? inputsF : withBias(f.hidden, forget.length, h);
      const lastF = projectForget(model.last, lastInputs);
      if (lastInputs !== inputsF) lastInputs.dispose();
      const step = await ekfacStep(model.last, lastF, f.err, forget.length, retain, o.damping);
      lastF.qa.dispose();
      lastF.paT.dispose();
      const [wLast, bLast] = s.spec.kind === 'linear' ? [out[0], out[1]] : [out[2], out[3]];
      for (let i = 0; i < h * c; i++) wLast[i] += scale * step[i];
      for (let j = 0; j < c; j++) bLast[j] += scale * step[h * c + j];
      if (model.hidden && hiddenF) hiddenGradients.push(f.delta!);
      result.push(out);
    }
    if (hiddenF) {
      const hh = s.ekfac[0].hidden!.dG;
      const layers = s.ekfac.slice(0, hiddenGradients.length).map((e) => e.hidden!);
      const steps = await hiddenSteps(layers, hiddenF, hiddenGradients, forget.length, retain, o.damping, compute);
      steps.forEach((hs, m) => {
        for (let i = 0; i < dim * hh; i++) result[m][0][i] += scale * hs[i];
        for (let j = 0; j < hh; j++) result[m][1][j] += scale * hs[dim * hh + j];
      });
    }
    return result;
  } finally {
    inputsF.dispose();
    hiddenF?.qa.dispose();
    hiddenF?.paT.dispose();
  }
}
