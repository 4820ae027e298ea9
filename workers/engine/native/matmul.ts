import { nativeKernelsSupported } from './kernels';
import { panelIndex, PANEL } from './panels';
import { workspace } from './workspace';

/**
 * C = A · B for row-major float32 matrices (A [rows × k], B [k × cols]) on the native
 * wasm-SIMD dense kernel, or null where the engine has none (the caller falls back to tfjs).
 * B is packed into the kernel's 8-column panels (zero padded), as a layer's weights are.
 * Why: tfjs-wasm multiplies at ~6 GFLOP/s on this machine; the estimators' per-forget-set
 * products (group Newton's EK-FAC step) are a few hundred of these.
 */
export function nativeMatMul(a: Float32Array, rows: number, k: number, b: Float32Array, cols: number): Float32Array | null {
  if (!nativeKernelsSupported()) return null;
  const panels = Math.ceil(cols / PANEL);
  const ldo = panels * PANEL;
  const ws = workspace('linalg');
  const r = ws.layout({ a: rows * k, w: k * ldo, bias: ldo, out: rows * ldo });
  ws.f32(r.a).set(a.subarray(0, rows * k));
  const w = ws.f32(r.w);
  w.fill(0);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < cols; j++) w[panelIndex(k, i, j)] = b[i * cols + j];
  }
  ws.f32(r.bias).fill(0);
  ws.k.denseForward(r.a.ptr, rows, k, r.w.ptr, panels, r.bias.ptr, r.out.ptr, ldo, false);
  const o = ws.f32(r.out);
  if (ldo === cols) return o.slice();
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) out.set(o.subarray(i * ldo, i * ldo + cols), i * cols);
  return out;
}
