import { madd } from './madd';

// Dense-layer kernels of the native ensemble engine (AssemblyScript, wasm SIMD).
//
// Layout: a weight matrix [K × N] is stored as PANELS of 8 columns, each panel K × 8
// contiguous (element (k, n) at ((n >> 3) * K + k) * 8 + (n & 7)). A panel (16 KB at
// K = 512) stays in L1 while every row of the batch streams past it, and one row of a
// panel is exactly two v128 registers.
//
// Determinism: every output element is a sum over k in increasing order, one multiply-add
// per term (./madd.ts: fused where the build has relaxed SIMD, else a multiply then an add),
// and the bias is added after the sum. The 4-row and 1-row kernels therefore give the same bits,
// and a column's value never depends on which other columns (models) share the call.
// That is what makes results independent of how models are spread over workers.
//
// All pointers are byte offsets, 16-byte aligned; sizes count floats.

/**
 * out[r, n] = act(Σ_k x[r, k] · W[k, n] + bias[n]) for r < rows, n < panels · 8.
 * x: [rows × K] row-major; W: panels; out: row-major with `ldo` floats per row.
 */
export function denseForward(x: usize, rows: i32, K: i32, w: usize, panels: i32, bias: usize, out: usize, ldo: i32, relu: bool): void {
  const rowBytes = <usize>K << 2;
  const outRow = <usize>ldo << 2;
  const zero = f32x4.splat(0);
  for (let p = 0; p < panels; p++) {
    const panel = w + <usize>p * rowBytes * 8;
    const bl = v128.load(bias + (<usize>p << 5));
    const bh = v128.load(bias + (<usize>p << 5), 16);
    let r = 0;
    for (; r + 4 <= rows; r += 4) {
      let c00 = zero, c01 = zero, c10 = zero, c11 = zero;
      let c20 = zero, c21 = zero, c30 = zero, c31 = zero;
      let a = x + <usize>r * rowBytes;
      let b = panel;
      const end = a + rowBytes;
      while (a < end) {
        const b0 = v128.load(b);
        const b1 = v128.load(b, 16);
        let s = v128.load32_splat(a);
        c00 = madd(s, b0, c00);
        c01 = madd(s, b1, c01);
        s = v128.load32_splat(a + rowBytes);
        c10 = madd(s, b0, c10);
        c11 = madd(s, b1, c11);
        s = v128.load32_splat(a + 2 * rowBytes);
        c20 = madd(s, b0, c20);
        c21 = madd(s, b1, c21);
        s = v128.load32_splat(a + 3 * rowBytes);
        c30 = madd(s, b0, c30);
        c31 = madd(s, b1, c31);
        a += 4;
        b += 32;
      }
      let o = out + <usize>r * outRow + (<usize>p << 5);
      storePair(o, c00, c01, bl, bh, relu);
      o += outRow;
      storePair(o, c10, c11, bl, bh, relu);
      o += outRow;
      storePair(o, c20, c21, bl, bh, relu);
      o += outRow;
      storePair(o, c30, c31, bl, bh, relu);
    }
    for (; r < rows; r++) {
      let c0 = zero, c1 = zero;
      let a = x + <usize>r * rowBytes;
      let b = panel;
      const end = a + rowBytes;
      while (a < end) {
        const s = v128.load32_splat(a);
        c0 = madd(s, v128.load(b), c0);
        c1 = madd(s, v128.load(b, 16), c1);
        a += 4;
        b += 32;
      }
      storePair(out + <usize>r * outRow + (<usize>p << 5), c0, c1, bl, bh, relu);
    }
  }
}

/** Stores act(lo + bl), act(hi + bh): one output row's 8 columns of a register block. */
// @ts-ignore: decorator
@inline
export function storePair(o: usize, lo: v128, hi: v128, bl: v128, bh: v128, relu: bool): void {
  let a = f32x4.add(lo, bl);
  let b = f32x4.add(hi, bh);
  if (relu) {
    const zero = f32x4.splat(0);
    a = f32x4.max(a, zero);
    b = f32x4.max(b, zero);
  }
  v128.store(o, a);
  v128.store(o, b, 16);
}

/**
 * Weight gradient of a dense layer, written in panel layout:
 * dW[k, n] = Σ_r xT[k, r] · dy[r, n] for k < K, n < panels · 8 (sum over r in order).
 * xT: the layer input transposed, [K × rows] row-major; dy: panels of `rows` × 8.
 */
export function denseWeightGradient(xT: usize, K: i32, rows: i32, dy: usize, panels: i32, dw: usize): void {
  const rowBytes = <usize>rows << 2;
  const zero = f32x4.splat(0);
  for (let p = 0; p < panels; p++) {
    const panel = dy + <usize>p * rowBytes * 8;
    const outPanel = dw + <usize>p * (<usize>K << 5);
    let k = 0;
    for (; k + 4 <= K; k += 4) {
      let c00 = zero, c01 = zero, c10 = zero, c11 = zero;
      let c20 = zero, c21 = zero, c30 = zero, c31 = zero;
      let a = xT + <usize>k * rowBytes;
      let b = panel;
      const end = a + rowBytes;
      while (a < end) {
        const b0 = v128.load(b);
        const b1 = v128.load(b, 16);
        let s = v128.load32_splat(a);
        c00 = madd(s, b0, c00);
        c01 = madd(s, b1, c01);
        s = v128.load32_splat(a + rowBytes);
        c10 = madd(s, b0, c10);
        c11 = madd(s, b1, c11);
        s = v128.load32_splat(a + 2 * rowBytes);
        c20 = madd(s, b0, c20);
        c21 = madd(s, b1, c21);
        s = v128.load32_splat(a + 3 * rowBytes);
        c30 = madd(s, b0, c30);
        c31 = madd(s, b1, c31);
        a += 4;
        b += 32;
      }
      const o = outPanel + (<usize>k << 5);
      v128.store(o, c00);
      v128.store(o, c01, 16);
      v128.store(o, c10, 32);
      v128.store(o, c11, 48);
      v128.store(o, c20, 64);
      v128.store(o, c21, 80);
      v128.store(o, c30, 96);
      v128.store(o, c31, 112);
    }
    for (; k < K; k++) {
      let c0 = zero, c1 = zero;
      let a = xT + <usize>k * rowBytes;
      let b = panel;
      const end = a + rowBytes;
      while (a < end) {
        const s = v128.load32_splat(a);
        c0 = madd(s, v128.load(b), c0);
        c1 = madd(s, v128.load(b, 16), c1);
        a += 4;
        b += 32;
      }
      const o = outPanel + (<usize>k << 5);
      v128.store(o, c0);
      v128.store(o, c1, 16);
    }
  }
}

/** out[n] = Σ_r dy[r, n] (bias gradient) for panels of `rows` × 8, rows summed in order. */
export function panelColumnSums(dy: usize, rows: i32, panels: i32, out: usize): void {
  for (let p = 0; p < panels; p++) {
    let lo = f32x4.splat(0);
    let hi = f32x4.splat(0);
    let b = dy + <usize>p * (<usize>rows << 5);
    for (let r = 0; r < rows; r++) {
      lo = f32x4.add(lo, v128.load(b));
      hi = f32x4.add(hi, v128.load(b, 16));
      b += 32;
    }
    v128.store(out + (<usize>p << 5), lo);
    v128.store(out + (<usize>p << 5), hi, 16);
  }
}

/** xT[k, r] = x[r, k]: the batch transposed for the weight gradient. */
export function transpose(x: usize, rows: i32, K: i32, xT: usize): void {
  // 8 × 8 blocks keep both sides within a few cache lines.
  for (let r0 = 0; r0 < rows; r0 += 8) {
    const r1 = min(r0 + 8, rows);
    for (let k0 = 0; k0 < K; k0 += 8) {
      const k1 = min(k0 + 8, K);
      for (let r = r0; r < r1; r++) {
        for (let k = k0; k < k1; k++) {
          store<f32>(xT + ((<usize>k * rows + r) << 2), load<f32>(x + ((<usize>r * K + k) << 2)));
        }
      }
    }
  }
}
