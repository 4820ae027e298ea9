import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { tf } from '../tf';

/**
 * EK-FAC curvature (George et al. 2018, "Fast approximate natural gradient descent in a
 * Kronecker-factored eigenbasis"; used for influence by Grosse et al. 2023): K-FAC's
 * Kronecker eigenbasis Q_A ⊗ Q_G, with the eigenvalues re-fitted to the per-example
 * gradients, Λ_ij = Σ_n (Q_Aᵀ ã_n)_i² (Q_Gᵀ g_n)_j², instead of K-FAC's products a_i g_j.
 *
 * Why group Newton needs it: K-FAC's products assume a layer's inputs and its output
 * gradients independent. A coherent group breaks that (its inputs come with its own
 * gradients), so K-FAC's step length depends on the kind of group: measured on the presets
 * at N = 32, K-FAC (damping 1) moved the forget margins by 0.73× what retraining does on a
 * random set and 1.36–1.61× on a sub-population. EK-FAC's step, at damping 0.3, was the
 * same multiple of retraining's on every set measured (2.67–3.07×, random, sub-population
 * and mislabeled, on both datasets): a group's shape is then nearly right, and the length
 * is left, which `stepScale` sets (early-stopped training moves less than the optimum the
 * step predicts). What remains between kinds of group moves with the damping, which the
 * attribution bench picks (schema.ts, GROUP_NEWTON_DEFAULTS).
 *
 * The basis is the full pool's (F-independent, computed once per ensemble); each forget set
 * subtracts its own rows from Λ (exact in that basis) and rotates its gradient sum.
 */
export interface EkfacLayer {
  /** Input side (with the bias 1 appended) and output side dimensions. */
  dA: number;
  dG: number;
  /** Eigenvectors as columns, row-major [dA × dA] and [dG × dG]. */
  qa: Float32Array;
  qg: Float32Array;
  /** Q_Gᵀ, kept beside Q_G because tfjs-wasm multiplies by a transposed operand slowly. */
  qgT: Float32Array;
  /** Σ over the pool of the squared projected gradients, [dA × dG] (not normalised). */
  lambda: Float32Array;
}

export interface EkfacModel {
  hidden: EkfacLayer | null;
  last: EkfacLayer;
}

/** Eigenvectors of a symmetric [d × d] matrix, as columns, row-major float32. */
export function eigenvectors(a: Float64Array, d: number): Float32Array {
  const rows: number[][] = [];
  for (let i = 0; i < d; i++) rows.push(Array.from(a.subarray(i * d, (i + 1) * d)));
  const v = new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true }).eigenvectorMatrix;
  const out = new Float32Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) out[i * d + j] = v.get(i, j);
  return out;
}

/** [rows × in] with a column of ones appended (the bias input), as a tensor (built here: tfjs's concat is slow on wasm). */
export function withBias(a: Float32Array, rows: number, inDim: number): tf.Tensor2D {
  const out = new Float32Array(rows * (inDim + 1));
  for (let r = 0; r < rows; r++) {
    out.set(a.subarray(r * inDim, (r + 1) * inDim), r * (inDim + 1));
    out[r * (inDim + 1) + inDim] = 1;
  }
  return tf.tensor2d(out, [rows, inDim + 1]);
}

/** Σ_n (Q_Aᵀ ã_n)² (Q_Gᵀ g_n)²ᵀ from the rows projected on each basis ([n × dA], [n × dG]). */
function squaredMoments(pa: tf.Tensor, pg: tf.Tensor): tf.Tensor {
  // an explicit transpose: tfjs-wasm's matMul with a transposed operand is 3–4× slower
  return tf.tidy(() => tf.matMul(tf.transpose(tf.square(pa)) as tf.Tensor2D, tf.square(pg) as tf.Tensor2D));
}

/** Reads a tensor back and frees it (await data(): never dataSync, which a GPU backend dislikes). */
export async function read(t: tf.Tensor): Promise<Float32Array> {
  const v = (await t.data()) as Float32Array;
  t.dispose();
  return v;
}

/**
 * One layer's EK-FAC over the pool: `inputs` [n × dA] (bias column included) and the
 * gradients at its outputs [n × dG]; the bases from the K-FAC factors' sums.
 */
export async function ekfacLayer(inputs: tf.Tensor2D, projectedInputs: tf.Tensor | null, qa: Float32Array, gradients: Float32Array, gradientSum: Float64Array, dG: number): Promise<EkfacLayer> {
  const dA = inputs.shape[1];
  const n = inputs.shape[0];
  const qg = eigenvectors(gradientSum, dG);
  const lambda = tf.tidy(() => {
    const pa = projectedInputs ?? tf.matMul(inputs, tf.tensor2d(qa, [dA, dA]));
    const pg = tf.matMul(tf.tensor2d(gradients.subarray(0, n * dG), [n, dG]), tf.tensor2d(qg, [dG, dG]));
    return squaredMoments(pa, pg);
  });
  const qgT = new Float32Array(dG * dG);
  for (let i = 0; i < dG; i++) for (let j = 0; j < dG; j++) qgT[j * dG + i] = qg[i * dG + j];
  return { dA, dG, qa, qg, qgT, lambda: await read(lambda) };
}

/** The forget rows' inputs (bias column included) on a layer's input basis, with the basis as a tensor (shared where the basis is). */
export function projectForget(layer: EkfacLayer, inputsF: tf.Tensor2D): ProjectedForget {
  const qa = tf.tensor2d(layer.qa, [layer.dA, layer.dA]);
  // transposed once here: tfjs-wasm's matMul with a transposed operand is 3–4× slower
  return { qa, paT: tf.tidy(() => tf.transpose(tf.matMul(inputsF, qa))) };
}

/** A layer's input basis and F's inputs projected on it, transposed: [dA × rows]. */
export interface ProjectedForget {
  qa: tf.Tensor2D;
  paT: tf.Tensor2D;
}

/**
 * The layer's step for forget rows, from their projected inputs `f.pa` [rows × dA] and their
 * gradients [rows × dG]: Q_A [(Q_Aᵀ Σ_F ã gᵀ Q_G / |R|) ⊘ (Λ_R + γ · mean Λ_R)] Q_Gᵀ, with
 * Λ_R = (Λ_S − Λ_F) / |R|. Returns [dA × dG], bias row last; adding it removes what F pulled
 * the weights to.
 */
export async function ekfacStep(layer: EkfacLayer, f: ProjectedForget, gradientsF: Float32Array, rows: number, retain: number, damping: number): Promise<Float64Array> {
  const { dA, dG } = layer;
  const step = tf.tidy(() => {
    const pg = tf.matMul(tf.tensor2d(gradientsF.subarray(0, rows * dG), [rows, dG]), tf.tensor2d(layer.qg, [dG, dG]));
    const lambdaF = tf.matMul(tf.square(f.paT) as tf.Tensor2D, tf.square(pg) as tf.Tensor2D);
    const lambdaR = tf.div(tf.sub(tf.tensor2d(layer.lambda, [dA, dG]), lambdaF), retain);
    const denominator = tf.add(tf.relu(lambdaR), tf.add(tf.mul(tf.mean(lambdaR), damping), 1e-12));
    const rotated = tf.div(tf.div(tf.matMul(f.paT, pg), retain), denominator);
    return tf.matMul(tf.matMul(f.qa, rotated), tf.tensor2d(layer.qgT, [dG, dG]));
  });
  return Float64Array.from(await read(step));
}
