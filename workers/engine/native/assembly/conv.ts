import { storePair } from './dense';
import { madd } from './madd';

// The small CNN's layers (cnn-s: 3×3 'same' convolutions, 2×2 max-pools, a global average
// pool) for one model, images in NHWC, computed directly on zero-padded images, with no
// im2col matrix: a padded image is (H + 2) × (W + 2) × C, so every tap of every output
// pixel is an in-bounds load, and four neighbouring pixels of a row are four loads one
// pixel apart. C is a multiple of 4 (the pixels' 3 channels are padded to 4).
//
// The kernel of a layer is W [9C × N] in panels of 8 columns (./dense.ts), row
// k = (ky·3 + kx)·C + c: tfjs's kernel [3, 3, C, N] read row-major (padded channels' rows
// are 0). A register block is 4 pixels × 8 output channels, as in the dense kernels, and
// each sum runs over k in increasing order, one multiply-add per term. (The block's inner
// loop is denseForward's with a pixel's stride between rows; AssemblyScript cannot return
// eight registers from a helper, so it is written out in both.)
//
//   forward      y[p, n] = act(b[n] + Σ_k xpad[p + tap(k), c(k)] · W[k, n])
//   weights      dW[k, n] += Σ_p xpad[p + tap(k), c(k)] · dy[p, n]       (image by image)
//   input        dx = the forward convolution of dypad with the flipped kernel (flipKernel)
//
// All pointers are byte offsets, 16-byte aligned; sizes count floats.

/** xp = x with a zero border of one pixel and its C channels padded with zeros to Cp. */
export function pad3x3(x: usize, images: i32, H: i32, W: i32, C: i32, Cp: i32, xp: usize): void {
  const Wp = W + 2;
  memory.fill(xp, 0, <usize>(images * (H + 2) * Wp * Cp) << 2);
  for (let i = 0; i < images; i++) {
    for (let h = 0; h < H; h++) {
      for (let w = 0; w < W; w++) {
        const src = x + (<usize>(((i * H + h) * W + w) * C) << 2);
        const dst = xp + (<usize>(((i * (H + 2) + h + 1) * Wp + w + 1) * Cp) << 2);
        memory.copy(dst, src, <usize>C << 2);
      }
    }
  }
}

/**
 * y = act(conv3x3(x) + b) for `images` padded images xp, written unpadded as rows of
 * N = panels · 8 per pixel. W must be a multiple of 4.
 */
export function conv3x3(xp: usize, images: i32, H: i32, W: i32, C: i32, w: usize, panels: i32, bias: usize, y: usize, relu: bool): void {
  const pixel = <usize>C << 2;
  const rowBytes = <usize>(W + 2) * pixel;
  const imageBytes = <usize>(H + 2) * rowBytes;
  const panelBytes = <usize>(9 * C) << 5;
  const outPixel = <usize>panels << 5;
  const zero = f32x4.splat(0);
  for (let i = 0; i < images; i++) {
    const img = xp + <usize>i * imageBytes;
    for (let h = 0; h < H; h++) {
      const outRow = y + <usize>((i * H + h) * W) * outPixel;
      for (let p = 0; p < panels; p++) {
        const panel = w + <usize>p * panelBytes;
        const bl = v128.load(bias + (<usize>p << 5));
        const bh = v128.load(bias + (<usize>p << 5), 16);
        for (let x0 = 0; x0 < W; x0 += 4) {
          let c00 = zero, c01 = zero, c10 = zero, c11 = zero;
          let c20 = zero, c21 = zero, c30 = zero, c31 = zero;
          let b = panel;
          for (let ky = 0; ky < 3; ky++) {
            for (let kx = 0; kx < 3; kx++) {
              let a = img + <usize>(h + ky) * rowBytes + <usize>(x0 + kx) * pixel;
              const end = a + pixel;
              while (a < end) {
                const b0 = v128.load(b);
                const b1 = v128.load(b, 16);
                let s = v128.load32_splat(a);
                c00 = madd(s, b0, c00);
                c01 = madd(s, b1, c01);
                s = v128.load32_splat(a + pixel);
                c10 = madd(s, b0, c10);
                c11 = madd(s, b1, c11);
                s = v128.load32_splat(a + 2 * pixel);
                c20 = madd(s, b0, c20);
                c21 = madd(s, b1, c21);
                s = v128.load32_splat(a + 3 * pixel);
                c30 = madd(s, b0, c30);
                c31 = madd(s, b1, c31);
                a += 4;
                b += 32;
              }
            }
          }
          let o = outRow + <usize>x0 * outPixel + (<usize>p << 5);
          storePair(o, c00, c01, bl, bh, relu);
          o += outPixel;
          storePair(o, c10, c11, bl, bh, relu);
          o += outPixel;
          storePair(o, c20, c21, bl, bh, relu);
          o += outPixel;
          storePair(o, c30, c31, bl, bh, relu);
        }
      }
    }
  }
}

/**
 * The kernel's gradient, added to dw (panels of 9C × N): for every image in order,
 * dW[k, n] += Σ_p xpad[p + tap(k), c(k)] · dy[p, n], with dy rows of N per pixel. Four
 * rows k (one tap, four channels) are four neighbouring floats of the padded image.
 */
export function conv3x3WeightGradientAdd(xp: usize, images: i32, H: i32, W: i32, C: i32, dy: usize, panels: i32, dw: usize): void {
  const pixel = <usize>C << 2;
  const rowBytes = <usize>(W + 2) * pixel;
  const imageBytes = <usize>(H + 2) * rowBytes;
  const K = 9 * C;
  const dyPixel = <usize>panels << 5;
  for (let i = 0; i < images; i++) {
    const img = xp + <usize>i * imageBytes;
    const dyImage = dy + <usize>(i * H * W) * dyPixel;
    for (let p = 0; p < panels; p++) {
      const outPanel = dw + <usize>p * (<usize>K << 5);
      for (let tap = 0; tap < 9; tap++) {
        const ky = tap / 3;
        const kx = tap % 3;
        for (let c = 0; c < C; c += 4) {
          const o = outPanel + (<usize>(tap * C + c) << 5);
          let c00 = v128.load(o), c01 = v128.load(o, 16), c10 = v128.load(o, 32), c11 = v128.load(o, 48);
          let c20 = v128.load(o, 64), c21 = v128.load(o, 80), c30 = v128.load(o, 96), c31 = v128.load(o, 112);
          let g = dyImage + (<usize>p << 5);
          for (let h = 0; h < H; h++) {
            let a = img + <usize>(h + ky) * rowBytes + <usize>kx * pixel + (<usize>c << 2);
            const end = a + <usize>W * pixel;
            while (a < end) {
              const b0 = v128.load(g);
              const b1 = v128.load(g, 16);
              let s = v128.load32_splat(a);
              c00 = madd(s, b0, c00);
              c01 = madd(s, b1, c01);
              s = v128.load32_splat(a, 4);
              c10 = madd(s, b0, c10);
              c11 = madd(s, b1, c11);
              s = v128.load32_splat(a, 8);
              c20 = madd(s, b0, c20);
              c21 = madd(s, b1, c21);
              s = v128.load32_splat(a, 12);
              c30 = madd(s, b0, c30);
              c31 = madd(s, b1, c31);
              a += pixel;
              g += dyPixel;
            }
          }
          v128.store(o, c00);
          v128.store(o, c01, 16);
          v128.store(o, c10, 32);
          v128.store(o, c11, 48);
          v128.store(o, c20, 64);
          v128.store(o, c21, 80);
          v128.store(o, c30, 96);
          v128.store(o, c31, 112);
        }
      }
    }
  }
}

/**
 * The kernel for the input's gradient: dx[q, c] = Σ_tap Σ_n dypad[q + tap, n] · Wf[tap·N + n, c]
 * with Wf[tap·N + n, c] = W[(8 − tap)·C + c, n] (taps reversed, channels swapped), so the
 * gradient is conv3x3 of the padded output gradient. W: panels of 9C × N; wf: panels of 9N × C.
 */
export function flipKernel(w: usize, C: i32, N: i32, wf: usize): void {
  const K = 9 * C;
  const Kf = 9 * N;
  for (let tap = 0; tap < 9; tap++) {
    for (let c = 0; c < C; c++) {
      for (let n = 0; n < N; n++) {
        const v = load<f32>(w + (<usize>(((n >> 3) * K + (8 - tap) * C + c) * 8 + (n & 7)) << 2));
        store<f32>(wf + (<usize>(((c >> 3) * Kf + tap * N + n) * 8 + (c & 7)) << 2), v);
      }
    }
  }
}

/**
 * Back through a ReLU: dy[r, n] = 0 where y[r, n] ≤ 0 (in place, `rows` rows of
 * N = panels · 8), and the column sums of the result added to db (the bias gradient).
 */
export function reluBackward(dy: usize, y: usize, rows: i32, panels: i32, db: usize): void {
  const zero = f32x4.splat(0);
  const rowBytes = <usize>panels << 5;
  for (let p = 0; p < panels; p++) {
    let lo = zero;
    let hi = zero;
    let at = <usize>p << 5;
    for (let r = 0; r < rows; r++) {
      const g0 = v128.and(v128.load(dy + at), f32x4.gt(v128.load(y + at), zero));
      const g1 = v128.and(v128.load(dy + at, 16), f32x4.gt(v128.load(y + at, 16), zero));
      v128.store(dy + at, g0);
      v128.store(dy + at, g1, 16);
      lo = f32x4.add(lo, g0);
      hi = f32x4.add(hi, g1);
      at += rowBytes;
    }
    const o = db + (<usize>p << 5);
    v128.store(o, f32x4.add(v128.load(o), lo));
    v128.store(o, f32x4.add(v128.load(o, 16), hi), 16);
  }
}

/** 2 × 2, stride 2 max-pool of H × W × C images (H, W even; C a multiple of 4). */
export function maxPool2Forward(x: usize, images: i32, H: i32, W: i32, C: i32, out: usize): void {
  const h2 = H >> 1;
  const w2 = W >> 1;
  const pixel = <usize>C << 2;
  for (let i = 0; i < images; i++) {
    for (let h = 0; h < h2; h++) {
      for (let w = 0; w < w2; w++) {
        const a = x + (<usize>(((i * H + 2 * h) * W + 2 * w) * C) << 2);
        const b = a + pixel;
        const c0 = a + <usize>W * pixel;
        const d = c0 + pixel;
        const o = out + (<usize>(((i * h2 + h) * w2 + w) * C) << 2);
        for (let c: usize = 0; c < pixel; c += 16) {
          v128.store(o + c, f32x4.max(f32x4.max(v128.load(a + c), v128.load(b + c)), f32x4.max(v128.load(c0 + c), v128.load(d + c))));
        }
      }
    }
  }
}

/**
 * Back through the max-pool: each output's gradient goes to the first of its four inputs
 * (in row-major order) that holds the maximum; dx (H × W × C images) is overwritten.
 */
export function maxPool2Backward(x: usize, dOut: usize, images: i32, H: i32, W: i32, C: i32, dx: usize): void {
  const h2 = H >> 1;
  const w2 = W >> 1;
  const pixel = <usize>C << 2;
  for (let i = 0; i < images; i++) {
    for (let h = 0; h < h2; h++) {
      for (let w = 0; w < w2; w++) {
        const at = <usize>(((i * H + 2 * h) * W + 2 * w) * C) << 2;
        const q = dOut + (<usize>(((i * h2 + h) * w2 + w) * C) << 2);
        for (let c: usize = 0; c < pixel; c += 16) {
          const p0 = at + c;
          const p1 = p0 + pixel;
          const p2 = p0 + <usize>W * pixel;
          const p3 = p2 + pixel;
          const v0 = v128.load(x + p0);
          const v1 = v128.load(x + p1);
          const v2 = v128.load(x + p2);
          const v3 = v128.load(x + p3);
          const m = f32x4.max(f32x4.max(v0, v1), f32x4.max(v2, v3));
          const g = v128.load(q + c);
          // lanes still unclaimed after each of the four candidates, in order
          const is0 = f32x4.eq(v0, m);
          const is1 = v128.andnot(f32x4.eq(v1, m), is0);
          const taken = v128.or(is0, is1);
          const is2 = v128.andnot(f32x4.eq(v2, m), taken);
          const is3 = v128.not(v128.or(taken, is2));
          v128.store(dx + p0, v128.and(g, is0));
          v128.store(dx + p1, v128.and(g, is1));
          v128.store(dx + p2, v128.and(g, is2));
          v128.store(dx + p3, v128.and(g, is3));
        }
      }
    }
  }
}

/** out[i, c] = mean over the P positions of x[i, ·, c], written with `ldo` floats per image row. */
export function globalAveragePool(x: usize, images: i32, P: i32, C: i32, out: usize, ldo: i32): void {
  const scale = f32x4.splat(<f32>1 / <f32>P);
  for (let i = 0; i < images; i++) {
    for (let c = 0; c < C; c += 4) {
      let acc = f32x4.splat(0);
      let a = x + (<usize>(i * P * C + c) << 2);
      for (let p = 0; p < P; p++) {
        acc = f32x4.add(acc, v128.load(a));
        a += <usize>C << 2;
      }
      v128.store(out + (<usize>(i * ldo + c) << 2), f32x4.mul(acc, scale));
    }
  }
}

/**
 * Back through the average pool: dx[i, p, c] = dPooled[i, c] / P, where dPooled comes as
 * panels of rows × 8 (what headBackward writes) and dx as rows of C.
 */
export function globalAveragePoolBackward(dpp: usize, images: i32, P: i32, C: i32, dx: usize): void {
  const scale = f32x4.splat(<f32>1 / <f32>P);
  for (let i = 0; i < images; i++) {
    for (let c = 0; c < C; c += 8) {
      const g = dpp + (<usize>((c >> 3) * images + i) << 5);
      const lo = f32x4.mul(v128.load(g), scale);
      const hi = f32x4.mul(v128.load(g, 16), scale);
      let o = dx + (<usize>(i * P * C + c) << 2);
      for (let p = 0; p < P; p++) {
        v128.store(o, lo);
        v128.store(o, hi, 16);
        o += <usize>C << 2;
      }
    }
  }
}
