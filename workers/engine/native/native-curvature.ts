import type { ModelCurvature } from '../compute/types';
import type { InputMatrix, NativeEnsemble } from './native-ensemble';
import { gatherRows } from './native-ensemble';
import { workspace } from './workspace';

const CHUNK = 256;

/**
 * Every model's statistics in one pass over the pool on the native kernels: the fused
 * forward of all the shard's models, softmax − one-hot at the logits, the head's backward
 * for the hidden gradient, and the grams as weight-gradient matmuls (Σ_r uᵣ vᵣᵀ is exactly
 * what that kernel sums). Chunks of rows are added in float64.
 */
export function nativeCurvature(e: NativeEnsemble, inputs: InputMatrix, labels: Uint8Array): ModelCurvature[] {
  const l = e.layout;
  if (l.kind === 'cnn-s') throw new Error('K-FAC curvature is computed for linear and mlp models; cnn-s has none here');
  const { models, classes: c, inputDim: d, wp, width } = l;
  const mlp = l.kind === 'mlp';
  const ldo = l.panels * 8;
  const unitPanels = wp / 8;
  const ws = workspace('eval');
  const r = ws.layout({
    params: l.size, x: CHUNK * d, h: CHUNK * ldo, z: models * CHUNK * c, dz: models * CHUNK * c,
    dw2: models * c * wp, db2: models * c, dhp: l.panels * CHUNK * 8, uT: wp * CHUNK, up: unitPanels * CHUNK * 8, gram: wp * wp, sums: wp,
  });
  ws.f32(r.params).set(e.params);
  const k = ws.k;
  const at = (offset: number) => r.params.ptr + 4 * offset;
  const out: ModelCurvature[] = Array.from({ length: models }, () => ({
    lastInputs: mlp ? new Float64Array((width + 1) ** 2) : null,
    logitGradients: new Float64Array(c * c),
    hiddenGradients: mlp ? new Float64Array(width * width) : null,
  }));
  const err = new Float64Array(c);

  /** gram += Σ_r u_r u_rᵀ over `rows` rows of [width] vectors given as panels (`up` region); bias sums too when asked. */
  const addGram = (rows: number, target: Float64Array, withBias: boolean) => {
    const up = ws.f32(r.up);
    const uT = ws.f32(r.uT);
    // uT[k, r] from the panels (the kernel's left operand is the vectors transposed)
    for (let p = 0; p < unitPanels; p++) for (let i = 0; i < rows; i++) for (let j = 0; j < 8; j++) uT[(p * 8 + j) * rows + i] = up[(p * rows + i) * 8 + j];
    k.denseWeightGradient(r.uT.ptr, wp, rows, r.up.ptr, unitPanels, r.gram.ptr);
    const g = ws.f32(r.gram);
    const n = withBias ? width + 1 : width;
    for (let a = 0; a < width; a++) for (let b = 0; b < width; b++) target[a * n + b] += g[((b >> 3) * wp + a) * 8 + (b & 7)];
    if (withBias) {
      k.panelColumnSums(r.up.ptr, rows, unitPanels, r.sums.ptr);
      const s = ws.f32(r.sums);
      for (let a = 0; a < width; a++) {
        target[a * n + width] += s[a];
        target[width * n + a] += s[a];
      }
      target[width * n + width] += rows;
    }
  };

  for (let s = 0; s < inputs.rows; s += CHUNK) {
    const b = Math.min(CHUNK, inputs.rows - s);
    gatherRows(ws.f32(r.x), inputs, undefined, s, b);
    k.denseForward(r.x.ptr, b, d, at(l.w1), l.panels, at(l.b1), r.h.ptr, ldo, mlp);
    if (mlp) k.headForward(r.h.ptr, b, ldo, models, wp, at(l.w2), at(l.b2), c, r.z.ptr);
    const h = ws.f32(r.h);
    const z = ws.f32(r.z);
    const dz = ws.f32(r.dz);
    for (let m = 0; m < models; m++) {
      const g = out[m].logitGradients;
      for (let i = 0; i < b; i++) {
        // logits of model m, row i: the head's output (mlp) or the dense layer's first C columns (linear)
        const base = mlp ? (m * b + i) * c : i * ldo + m * wp;
        const logits = mlp ? z : h;
        let max = -Infinity;
        for (let j = 0; j < c; j++) max = Math.max(max, logits[base + j]);
        let sum = 0;
        for (let j = 0; j < c; j++) sum += (err[j] = Math.exp(logits[base + j] - max));
        const y = labels[s + i];
        for (let j = 0; j < c; j++) {
          err[j] = err[j] / sum - (j === y ? 1 : 0);
          dz[(m * b + i) * c + j] = err[j];
        }
        for (let a = 0; a < c; a++) for (let j = 0; j < c; j++) g[a * c + j] += err[a] * err[j];
      }
    }
    if (!mlp) continue;
    // the hidden gradient of every model, as panels (ReLU's mask applied by the kernel)
    k.headBackward(r.h.ptr, b, ldo, models, wp, at(l.w2), r.dz.ptr, c, r.dw2.ptr, r.db2.ptr, r.dhp.ptr);
    const dhp = ws.f32(r.dhp);
    for (let m = 0; m < models; m++) {
      // hidden activations of model m as panels of rows × 8
      const up = ws.f32(r.up);
      for (let p = 0; p < unitPanels; p++) for (let i = 0; i < b; i++) for (let j = 0; j < 8; j++) up[(p * b + i) * 8 + j] = h[i * ldo + m * wp + p * 8 + j];
      addGram(b, out[m].lastInputs!, true);
      ws.f32(r.up).set(dhp.subarray(m * unitPanels * b * 8, (m + 1) * unitPanels * b * 8));
      addGram(b, out[m].hiddenGradients!, false);
    }
  }
  return out;
}
