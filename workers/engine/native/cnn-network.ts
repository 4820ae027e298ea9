import type { CnnLayout, ConvLayer } from './cnn-layout';
import type { KernelExports } from './kernels';
import type { NativeNetwork, PassRegions } from './network';

/**
 * cnn-s on the native kernels (./assembly/conv.ts), model by model: conv-ReLU-pool twice,
 * conv-ReLU, global average pool, then the output layer (the MLP's head kernels with one
 * model). Each model's computation reads only its own parameters and the shared batch, so
 * its result never depends on which other models share the shard.
 *
 * A convolution reads its input zero-padded (one pixel of border; the pixels' channels
 * 3 → 4). Per batch row, model m keeps one block of activations:
 *   y1 [32·32·16] → q1 = pad(pool(y1)) [18·18·16] → y2 [16·16·32] → q2 [10·10·32] → y3 [8·8·64] → pooled [64]
 * One pass is one model, so a thread holds one block however many models it trains. The
 * padded pixels `xp` [34·34·4] are shared by all models (padded in the first pass).
 */
export function cnnNetwork(l: CnnLayout): NativeNetwork {
  const { classes: c, convs, features: f } = l;
  const [c1, c2, c3] = convs;
  const padded = (v: ConvLayer, channels = v.cp) => (v.size + 2) ** 2 * channels;
  const map = (v: ConvLayer) => v.size ** 2 * v.cout;
  // per-row offsets of each activation within a model's block
  const y1 = 0;
  const q1 = y1 + map(c1);
  const y2 = q1 + padded(c2);
  const q2 = y2 + map(c2);
  const y3 = q2 + padded(c3);
  const pooled = y3 + map(c3);
  const perRow = pooled + f;
  const maxOf = (g: (v: ConvLayer) => number) => Math.max(...convs.map(g));
  // floats per image of each activation, and of the padded pixels
  const size = { y1: map(c1), q1: padded(c2), y2: map(c2), q2: padded(c3), y3: map(c3), xp: padded(c1) };
  /** Byte addresses of image i's activations in a block of `rows` rows, and of its padded pixels. */
  const imageAt = (r: PassRegions, block: number, rows: number, i: number) => ({
    y1: block + 4 * (rows * y1 + i * size.y1),
    q1: block + 4 * (rows * q1 + i * size.q1),
    y2: block + 4 * (rows * y2 + i * size.y2),
    q2: block + 4 * (rows * q2 + i * size.q2),
    y3: block + 4 * (rows * y3 + i * size.y3),
    xp: r.xp.ptr + 4 * i * size.xp,
  });

  return {
    modelsPerPass: 1,
    scratch: (rows, training) => ({
      act: rows * perRow, // one model's (modelsPerPass)
      xp: rows * size.xp,
      pool: Math.max(c2.size ** 2 * c2.cp, c3.size ** 2 * c3.cp),
      z: l.models * rows * c,
      ...(training
        ? {
            dy: rows * size.y3, // the average pool's gradient for the batch; below it, one image at a time:
            dyImage: maxOf(map), dyp: Math.max(padded(c2, c2.cout), padded(c3, c3.cout)), dx: c2.size ** 2 * c2.cp,
            wf: c2.k * c2.cout + c3.k * c3.cout, zeros: maxOf((v) => v.cp), dpp: rows * f,
          }
        : {}),
    }),

    forward(k, r, rows, first, count) {
      if (first === 0) k.pad3x3(r.x.ptr, rows, c1.size, c1.size, c1.cin, c1.cp, r.xp.ptr); // the batch's, for every pass
      for (let m = first; m < first + count; m++) {
        const w = r.params.ptr + 4 * m * l.perModel;
        const block = r.act.ptr + 4 * rows * (m - first) * perRow;
        const convolve = (v: ConvLayer, input: number, out: number) => k.conv3x3(input, 1, v.size, v.size, v.cp, w + 4 * v.w, v.cout / 8, w + 4 * v.b, out, true);
        const poolAndPad = (from: ConvLayer, to: ConvLayer, y: number, q: number) => {
          k.maxPool2Forward(y, 1, from.size, from.size, from.cout, r.pool.ptr);
          k.pad3x3(r.pool.ptr, 1, to.size, to.size, to.cp, to.cp, q);
        };
        // image by image, so that each layer reads what the last one wrote while it is in cache
        for (let i = 0; i < rows; i++) {
          const a = imageAt(r, block, rows, i);
          convolve(c1, a.xp, a.y1);
          poolAndPad(c1, c2, a.y1, a.q1);
          convolve(c2, a.q1, a.y2);
          poolAndPad(c2, c3, a.y2, a.q2);
          convolve(c3, a.q2, a.y3);
        }
        k.globalAveragePool(block + 4 * rows * y3, rows, c3.size ** 2, f, block + 4 * rows * pooled, f);
        k.headForward(block + 4 * rows * pooled, rows, f, 1, f, w + 4 * l.head, w + 4 * l.headBias, c, r.z.ptr + 4 * m * rows * c);
      }
      return { ptr: r.z.ptr, model: rows * c, row: c };
    },

    backward(k, r, rows, first, count) {
      const grad = r.grad!;
      new Float32Array(k.memory.buffer, grad.ptr + 4 * first * l.perModel, count * l.perModel).fill(0); // the kernel gradients add up image by image
      new Float32Array(k.memory.buffer, r.zeros.ptr, r.zeros.length).fill(0); // the input gradients' (absent) bias
      // the flipped kernels of the layers whose input gets a gradient: conv2's, then conv3's
      const wf2 = r.wf.ptr;
      const wf3 = r.wf.ptr + 4 * c2.k * c2.cout;
      for (let m = first; m < first + count; m++) {
        const w = r.params.ptr + 4 * m * l.perModel;
        const g = grad.ptr + 4 * m * l.perModel;
        const block = r.act.ptr + 4 * rows * (m - first) * perRow;
        k.flipKernel(w + 4 * c2.w, c2.cp, c2.cout, wf2);
        k.flipKernel(w + 4 * c3.w, c3.cp, c3.cout, wf3);
        // the output layer for the whole batch, then image by image back to the pixels
        k.headBackward(block + 4 * rows * pooled, rows, f, 1, f, w + 4 * l.head, r.dz!.ptr + 4 * m * rows * c, c, g + 4 * l.head, g + 4 * l.headBias, r.dpp.ptr);
        k.globalAveragePoolBackward(r.dpp.ptr, rows, c3.size ** 2, f, r.dy.ptr);
        for (let i = 0; i < rows; i++) {
          const a = imageAt(r, block, rows, i);
          convBackward(k, r, c3, g, r.dy.ptr + 4 * i * size.y3, a.y3, a.q2, wf3);
          k.maxPool2Backward(a.y2, r.dx.ptr, 1, c2.size, c2.size, c2.cout, r.dyImage.ptr);
          convBackward(k, r, c2, g, r.dyImage.ptr, a.y2, a.q1, wf2);
          k.maxPool2Backward(a.y1, r.dx.ptr, 1, c1.size, c1.size, c1.cout, r.dyImage.ptr);
          convBackward(k, r, c1, g, r.dyImage.ptr, a.y1, a.xp, null); // the pixels need no gradient
        }
      }
    },
  };
}

/**
 * One conv-ReLU layer backwards for one image, from dy (its output's gradient, rows of
 * Cout, overwritten): the ReLU's mask, the kernel and bias gradients (added to g), and,
 * given its flipped kernel wf, dx for its (unpadded) input: the convolution of the padded
 * dy with wf.
 */
function convBackward(k: KernelExports, r: PassRegions, v: ConvLayer, g: number, dy: number, y: number, input: number, wf: number | null): void {
  k.reluBackward(dy, y, v.size ** 2, v.cout / 8, g + 4 * v.b);
  k.conv3x3WeightGradientAdd(input, 1, v.size, v.size, v.cp, dy, v.cout / 8, g + 4 * v.w);
  if (wf === null) return;
  k.pad3x3(dy, 1, v.size, v.size, v.cout, v.cout, r.dyp.ptr);
  k.conv3x3(r.dyp.ptr, 1, v.size, v.size, v.cout, wf, v.cp / 8, r.zeros.ptr, r.dx.ptr, false);
}
