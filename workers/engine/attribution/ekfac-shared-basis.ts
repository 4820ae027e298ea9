import { nativeMatMul } from '../native/matmul';
import type { EkfacLayer } from './ekfac';

/** One call's worth of sharedBasisSteps, as a compute pool ships it to a worker (ekfacStep's inputs for each layer). */
export interface SharedBasisJob {
  layers: EkfacLayer[];
  paT: Float32Array;
  gradientsF: Float32Array[];
  rows: number;
  retain: number;
  damping: number;
}

/**
 * ekfacStep (ekfac.ts) for many layers that share one input basis, on the native kernels:
 * every model's hidden layer, whose inputs are the fixed pool inputs. Sharing Q_A lets the
 * three products over F's rows and Q_A's rotation back be one wide product each, all the
 * models' columns side by side, instead of five small tfjs products per model.
 *
 * Why: on a whole class the hidden layers' steps are most of group Newton's per-forget-set
 * cost, which counts in DMM's; tfjs-wasm multiplies these shapes at ~6 GFLOP/s, the native
 * kernel at ~20–30 (the packing included). Measured on the CIFAR-10 subset's whole class (524
 * points, 32 models, 2026-12-03): 0.48 s model by model in tfjs → 0.31 s here (Xeon cores).
 * On the EPYC cores of a later session the same call took ~0.46 s; squaring in loops instead
 * of TypedArray.map made it ~0.39 s, and a run splits the layers over its pool's workers
 * (Compute.sharedBasisSteps): 0.26–0.31 s on two, the same bits.
 *
 * `paT` is F's inputs on the basis, transposed [dA × rows]; `gradientsF[k]` layer k's
 * gradients at its outputs [rows × dG]. Returns each layer's step [dA × dG] as ekfacStep
 * does, in float32 (the precision it is computed in: half the bytes a pool sends back), or
 * null without native kernels (the caller uses ekfacStep).
 */
export function sharedBasisSteps({ layers, paT, gradientsF, rows, retain, damping }: SharedBasisJob): Float32Array[] | null {
  const m = layers.length;
  if (m === 0) return [];
  const { dA, dG } = layers[0];
  const wide = m * dG;
  // every layer's F gradients on its own Q_G, side by side: [rows × m·dG]
  const pg = new Float32Array(rows * wide);
  for (const [k, layer] of layers.entries()) {
    const own = nativeMatMul(gradientsF[k], rows, dG, layer.qg, dG);
    if (!own) return null;
    for (let r = 0; r < rows; r++) pg.set(own.subarray(r * dG, (r + 1) * dG), r * wide + k * dG);
  }
  const lambdaF = nativeMatMul(squared(paT), dA, rows, squared(pg), wide)!;
  const numerator = nativeMatMul(paT, dA, rows, pg, wide)!;
  // Λ_R = (Λ_S − Λ_F) / |R| in place of Λ_F, and each layer's mean of it (the damping's scale)
  const lambdaR = lambdaF;
  const mean = new Float64Array(m);
  for (let i = 0; i < dA; i++) {
    for (const [k, layer] of layers.entries()) {
      for (let j = 0; j < dG; j++) {
        const at = i * wide + k * dG + j;
        lambdaR[at] = (layer.lambda[i * dG + j] - lambdaF[at]) / retain;
        mean[k] += lambdaR[at];
      }
    }
  }
  for (let k = 0; k < m; k++) mean[k] /= dA * dG;
  const rotated = numerator;
  for (let i = 0; i < dA; i++) {
    for (let k = 0; k < m; k++) {
      const add = damping * mean[k] + 1e-12;
      for (let j = 0; j < dG; j++) {
        const at = i * wide + k * dG + j;
        rotated[at] = rotated[at] / retain / (Math.max(0, lambdaR[at]) + add);
      }
    }
  }
  const back = nativeMatMul(layers[0].qa, dA, dA, rotated, wide)!;
  return layers.map((layer, k) => {
    const own = new Float32Array(dA * dG);
    for (let i = 0; i < dA; i++) own.set(back.subarray(i * wide + k * dG, i * wide + (k + 1) * dG), i * dG);
    return nativeMatMul(own, dA, dG, layer.qgT, dG)!;
  });
}

/** Element-wise square, as a loop: TypedArray.map's callback costs ~15 ns an element, a tenth of the whole step on a class. */
function squared(v: Float32Array): Float32Array {
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i] * v[i];
  return out;
}
