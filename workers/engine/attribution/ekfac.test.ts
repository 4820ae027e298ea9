import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/select';
import { tf } from '../tf';
import { ekfacLayer, ekfacStep, eigenvectors, projectForget, withBias } from './ekfac';
import { sharedBasisSteps } from './ekfac-shared-basis';

/**
 * EK-FAC's pieces against brute force in float64 on a small random layer (n rows, dA inputs
 * with the bias, dG outputs): the basis is orthonormal and diagonalises its matrix, Λ is the
 * per-example squared projections' sum, and a forget set's step (F's rows subtracted from Λ,
 * its gradient sum rotated, divided, rotated back) equals the formula computed directly.
 * Tolerances are float32's (the tensors), far below what a wrong index or a missing
 * subtraction moves (those change entries by O(1) relative).
 */
const n = 60;
const inDim = 5;
const dA = inDim + 1;
const dG = 3;
const rng = (() => {
  let s = 7;
  return () => ((s = (s * 16807) % 2147483647) / 2147483647) - 0.5;
})();
const a = Float32Array.from({ length: n * inDim }, rng);
const g = Float32Array.from({ length: n * dG }, rng);
const aBias = (r: number, i: number) => (i === inDim ? 1 : a[r * inDim + i]);

function gramOf(f: (r: number, i: number) => number, d: number): Float64Array {
  const m = new Float64Array(d * d);
  for (let r = 0; r < n; r++) for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) m[i * d + j] += f(r, i) * f(r, j);
  return m;
}
const project = (q: Float32Array, d: number, f: (r: number, i: number) => number, r: number, k: number) => {
  let s = 0;
  for (let i = 0; i < d; i++) s += f(r, i) * q[i * d + k];
  return s;
};

beforeAll(async () => {
  await initBackend('wasm');
});

describe('EK-FAC', () => {
  it('eigenvectors are orthonormal and diagonalise the matrix', () => {
    const m = gramOf(aBias, dA);
    const q = eigenvectors(m, dA);
    for (let k = 0; k < dA; k++) {
      for (let l = 0; l < dA; l++) {
        let dot = 0;
        let off = 0; // (Qᵀ M Q)_kl
        for (let i = 0; i < dA; i++) {
          dot += q[i * dA + k] * q[i * dA + l];
          for (let j = 0; j < dA; j++) off += q[i * dA + k] * m[i * dA + j] * q[j * dA + l];
        }
        expect(dot).toBeCloseTo(k === l ? 1 : 0, 5);
        if (k !== l) expect(Math.abs(off)).toBeLessThan(1e-4 * n);
      }
    }
  });

  it('Λ is the sum of the squared projected per-example gradients', async () => {
    const qa = eigenvectors(gramOf(aBias, dA), dA);
    const gramG = gramOf((r, j) => g[r * dG + j], dG);
    const inputs = withBias(a, n, inDim);
    const layer = await ekfacLayer(inputs, null, qa, g, gramG, dG);
    inputs.dispose();
    for (let i = 0; i < dA; i++) {
      for (let j = 0; j < dG; j++) {
        let want = 0;
        for (let r = 0; r < n; r++) want += project(qa, dA, aBias, r, i) ** 2 * project(layer.qg, dG, (rr, k) => g[rr * dG + k], r, j) ** 2;
        expect(layer.lambda[i * dG + j]).toBeCloseTo(want, 3);
      }
    }
  });

  it('a forget set’s step is Q_A [(Q_Aᵀ Σ_F ã gᵀ Q_G / |R|) ⊘ (Λ_R + γ mean Λ_R)] Q_Gᵀ, Λ_R over the retained rows only', async () => {
    const qa = eigenvectors(gramOf(aBias, dA), dA);
    const inputs = withBias(a, n, inDim);
    const layer = await ekfacLayer(inputs, null, qa, g, gramOf((r, j) => g[r * dG + j], dG), dG);
    inputs.dispose();
    const forget = [3, 10, 11, 40, 41, 42, 59];
    const retain = n - forget.length;
    const damping = 0.3;
    const aF = Float32Array.from(forget.flatMap((r) => Array.from(a.subarray(r * inDim, (r + 1) * inDim))));
    const gF = Float32Array.from(forget.flatMap((r) => Array.from(g.subarray(r * dG, (r + 1) * dG))));
    const tensorsBefore = tf.memory().numTensors;
    const inputsF = withBias(aF, forget.length, inDim);
    const projected = projectForget(layer, inputsF);
    inputsF.dispose();
    const step = await ekfacStep(layer, projected, gF, forget.length, retain, damping);
    projected.qa.dispose();
    projected.paT.dispose();

    const gRow = (r: number, j: number) => g[r * dG + j];
    const pa = (r: number, i: number) => project(qa, dA, aBias, r, i);
    const pg = (r: number, j: number) => project(layer.qg, dG, gRow, r, j);
    const inF = new Set(forget);
    const lambdaR = new Float64Array(dA * dG);
    const rotated = new Float64Array(dA * dG);
    for (let r = 0; r < n; r++) {
      for (let i = 0; i < dA; i++) {
        for (let j = 0; j < dG; j++) {
          if (inF.has(r)) rotated[i * dG + j] += (pa(r, i) * pg(r, j)) / retain;
          else lambdaR[i * dG + j] += (pa(r, i) ** 2 * pg(r, j) ** 2) / retain;
        }
      }
    }
    const mean = lambdaR.reduce((s, v) => s + v, 0) / lambdaR.length;
    for (let k = 0; k < rotated.length; k++) rotated[k] /= lambdaR[k] + damping * mean;
    for (let i = 0; i < dA; i++) {
      for (let j = 0; j < dG; j++) {
        let want = 0;
        for (let k = 0; k < dA; k++) for (let l = 0; l < dG; l++) want += qa[i * dA + k] * rotated[k * dG + l] * layer.qg[j * dG + l];
        expect(step[i * dG + j]).toBeCloseTo(want, 4);
      }
    }
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });

  it('the native steps of layers sharing an input basis equal each layer’s own tfjs step', async () => {
    const qa = eigenvectors(gramOf(aBias, dA), dA);
    const inputs = withBias(a, n, inDim);
    // three layers on the same inputs with different output gradients (three models' hidden layers)
    const grads = [g, Float32Array.from(g, (v, i) => v * (1 + (i % 3)) - 0.1), Float32Array.from({ length: n * dG }, rng)];
    const layers = [];
    for (const gk of grads) layers.push(await ekfacLayer(inputs, null, qa, gk, gramOf((r, j) => gk[r * dG + j], dG), dG));
    inputs.dispose();
    const forget = [0, 5, 6, 7, 30, 58];
    const retain = n - forget.length;
    const aF = Float32Array.from(forget.flatMap((r) => Array.from(a.subarray(r * inDim, (r + 1) * inDim))));
    const gF = grads.map((gk) => Float32Array.from(forget.flatMap((r) => Array.from(gk.subarray(r * dG, (r + 1) * dG)))));
    const inputsF = withBias(aF, forget.length, inDim);
    const projected = projectForget(layers[0], inputsF);
    inputsF.dispose();
    const shared = sharedBasisSteps({ layers, paT: (await projected.paT.data()) as Float32Array, gradientsF: gF, rows: forget.length, retain, damping: 0.3 });
    expect(shared).not.toBeNull();
    for (const [k, layer] of layers.entries()) {
      const own = await ekfacStep(layer, projected, gF[k], forget.length, retain, 0.3);
      const scale = Math.max(...own.map(Math.abs));
      for (let i = 0; i < own.length; i++) expect(Math.abs(shared![k][i] - own[i])).toBeLessThan(1e-5 * scale);
    }
    projected.qa.dispose();
    projected.paT.dispose();
  });
});
