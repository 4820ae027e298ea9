import { buildCnnLayout } from '../models/cnn';
import { IMAGE_SIZE } from '../data/types';
import type { ModelWeights } from '../models/weights';
import { panelIndex } from './panels';

/**
 * Where the parameters of a native cnn-s ensemble live in its flat Float32Array. Each
 * model owns one contiguous block of `perModel` floats:
 *
 *   for each of the three convolutions: its kernel [9·Cp × Cout] in panels of 8 columns
 *     (./assembly/dense.ts; row (ky·3 + kx)·Cp + c holds tfjs's kernel [3, 3, Cin, Cout]
 *     entry (ky, kx, c)), then its bias [Cout]
 *   the output layer transposed, [C][64], then its bias [C]
 *
 * Cp is Cin padded to a multiple of 4 (the kernels read four channels at once): only the
 * pixels' 3 channels are padded, and their fourth channel's rows start at 0 and get a
 * gradient of exactly 0, so they stay 0. Every Cout (16, 32, 64) is a multiple of 8.
 */
/** One 3 × 3 convolution; the first two are followed by a 2 × 2 max-pool. */
export interface ConvLayer {
  /** Input height = width, input channels, output channels. */
  size: number;
  cin: number;
  /** Input channels as stored, cin padded to a multiple of 4. */
  cp: number;
  cout: number;
  /** Rows of the kernel, 9 · cp. */
  k: number;
  /** Offsets within a model's block. */
  w: number;
  b: number;
}

export interface CnnLayout {
  kind: 'cnn-s';
  models: number;
  inputDim: number;
  classes: number;
  convs: ConvLayer[];
  /** Width of the pooled features the output layer reads (the last conv's channels). */
  features: number;
  /** Offsets within a model's block of the output layer (transposed) and its bias. */
  head: number;
  headBias: number;
  perModel: number;
  size: number;
}

export function cnnLayout(inputDim: number, classes: number, models: number): CnnLayout {
  if (inputDim !== IMAGE_SIZE * IMAGE_SIZE * 3) throw new Error(`native cnn-s: reads ${IMAGE_SIZE}×${IMAGE_SIZE}×3 images, not rows of ${inputDim}`);
  const shapes = buildCnnLayout(classes).map((l) => l.shape);
  const convs: ConvLayer[] = [];
  let offset = 0;
  let size = IMAGE_SIZE;
  for (let i = 0; i < 3; i++) {
    const [, , cin, cout] = shapes[2 * i];
    const cp = Math.ceil(cin / 4) * 4;
    const k = 9 * cp;
    convs.push({ size, cin, cp, cout, k, w: offset, b: offset + k * cout });
    offset += k * cout + cout;
    if (i < 2) size /= 2;
  }
  const features = convs[2].cout;
  const head = offset;
  const headBias = head + classes * features;
  const perModel = headBias + classes;
  return { kind: 'cnn-s', models, inputDim, classes, convs, features, head, headBias, perModel, size: models * perModel };
}

/** Model m's parameters as one range [offset, count]. */
export function cnnModelRanges(l: CnnLayout, m: number): [number, number][] {
  return [[m * l.perModel, l.perModel]];
}

/** Index in the flat buffer of the interchange weights, in order (see layout.ts modelIndex). */
export function cnnModelIndex(l: CnnLayout, m: number): Int32Array {
  const out: number[] = [];
  const base = m * l.perModel;
  for (const c of l.convs) {
    for (let tap = 0; tap < 9; tap++) {
      for (let ch = 0; ch < c.cin; ch++) for (let n = 0; n < c.cout; n++) out.push(base + c.w + panelIndex(c.k, tap * c.cp + ch, n));
    }
    for (let n = 0; n < c.cout; n++) out.push(base + c.b + n);
  }
  for (let j = 0; j < l.features; j++) for (let k = 0; k < l.classes; k++) out.push(base + l.head + k * l.features + j);
  for (let k = 0; k < l.classes; k++) out.push(base + l.headBias + k);
  return Int32Array.from(out);
}

export function packCnnModel(l: CnnLayout, flat: Float32Array, m: number, w: ModelWeights): void {
  const index = cnnModelIndex(l, m);
  let o = 0;
  for (const part of w) for (const v of part) flat[index[o++]] = v;
}

export function unpackCnnModel(l: CnnLayout, flat: Float32Array, m: number): ModelWeights {
  const index = cnnModelIndex(l, m);
  const shapes = buildCnnLayout(l.classes).map((s) => s.shape.reduce((a, b) => a * b, 1));
  let o = 0;
  return shapes.map((count) => Float32Array.from({ length: count }, () => flat[index[o++]]));
}
