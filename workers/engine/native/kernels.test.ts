import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng';
import { instantiateKernels, nativeKernelBuild, type KernelExports } from './kernels';

/** One dense forward pass (5 rows: the 4-row and the 1-row kernel) on a fresh instance. */
function denseForward(k: KernelExports, x: Float32Array, rows: number, K: number, w: Float32Array, panels: number): Float32Array {
  const base = Math.ceil(k.heapBase() / 64) * 64;
  const at = { x: base, w: base + x.length * 4, b: base + (x.length + w.length) * 4, out: base + (x.length + w.length + panels * 8) * 4 };
  k.memory.grow(Math.ceil((at.out + rows * panels * 32) / 65536));
  const f = new Float32Array(k.memory.buffer);
  f.set(x, at.x / 4);
  f.set(w, at.w / 4);
  f.fill(0, at.b / 4, at.b / 4 + panels * 8);
  k.denseForward(at.x, rows, K, at.w, panels, at.b, at.out, panels * 8, false);
  return new Float32Array(k.memory.buffer, at.out, rows * panels * 8).slice();
}

describe('the native kernels’ two builds', () => {
  // process.getBuiltinModule (Node ≥ 20.16) is how the engine reaches V8's flags; older Node runs the strict build
  it.runIf(typeof (process as { getBuiltinModule?: unknown }).getBuiltinModule === 'function')('Node runs the fused build (relaxed SIMD turned on), as the page does', () => {
    expect(nativeKernelBuild()).toBe('fused');
  });

  it('compute the same dense layer, fused to within float32 rounding of the strict build, and every row alike', () => {
    const rng = new Rng(9);
    const rows = 5, K = 300, panels = 3;
    const x = Float32Array.from({ length: rows * K }, () => rng.normal());
    const w = Float32Array.from({ length: K * panels * 8 }, () => rng.normal());
    const fused = denseForward(instantiateKernels('fused'), x, rows, K, w, panels);
    const strict = denseForward(instantiateKernels('strict'), x, rows, K, w, panels);
    // float64 reference: x · W with W in panel layout
    for (let r = 0; r < rows; r++) {
      for (let n = 0; n < panels * 8; n++) {
        let exact = 0, scale = 0;
        for (let k = 0; k < K; k++) {
          const term = x[r * K + k] * w[((n >> 3) * K + k) * 8 + (n & 7)];
          exact += term;
          scale += Math.abs(term);
        }
        // a sum of K float32 products is within K · 2⁻²⁴ · Σ|terms| of the exact value, either way
        const bound = K * 2 ** -24 * scale;
        expect(Math.abs(fused[r * panels * 8 + n] - exact)).toBeLessThan(bound);
        expect(Math.abs(strict[r * panels * 8 + n] - exact)).toBeLessThan(bound);
      }
    }
    expect(fused).not.toEqual(strict); // the builds do round differently: the provenance must say which
    // row 0 went through the 4-row kernel; alone it goes through the 1-row kernel: the same bits
    const alone = denseForward(instantiateKernels('fused'), x.subarray(0, K), 1, K, w, panels);
    expect(alone).toEqual(fused.subarray(0, panels * 8));
  });
});
