import type { ModelSpec } from '../models/spec';
import type { ModelWeights } from '../models/weights';
import { cnnLayout, cnnModelIndex, cnnModelRanges, packCnnModel, unpackCnnModel, type CnnLayout } from './cnn-layout';
import { panelIndex } from './panels';

/** Where a native ensemble's parameters live: the dense models' layout below, or cnn-s's (./cnn-layout.ts). */
export type NativeLayout = DenseLayout | CnnLayout;

/**
 * Where the parameters of a native linear or mlp ensemble live in its one flat Float32Array.
 *
 *   w1: the first (for linear: the only) dense layer, [K × models·wp] in panels of 8 columns
 *       (kernels' layout, ./assembly/dense.ts); model m owns columns m·wp … m·wp + wp − 1
 *   b1: [models · wp]
 *   w2: mlp only, the output layer transposed, [models][C][wp]
 *   b2: mlp only, [models][C]
 *
 * wp is the layer width (hidden units, or classes for linear) padded to a multiple of 8;
 * padded columns start at 0 and their gradient is exactly 0, so they stay 0. Each model's
 * parameters are four contiguous ranges, so Adam can update (or skip) one model alone.
 */
export interface DenseLayout {
  kind: 'linear' | 'mlp';
  models: number;
  inputDim: number;
  classes: number;
  /** Width of the first layer: hidden units (mlp) or classes (linear). */
  width: number;
  /** `width` padded to a multiple of 8. */
  wp: number;
  /** Panels of the first layer, models · wp / 8. */
  panels: number;
  w1: number;
  b1: number;
  w2: number;
  b2: number;
  size: number;
}

export function nativeLayout(spec: ModelSpec, inputDim: number, classes: number, models: number): NativeLayout {
  if (spec.kind === 'cnn-s') return cnnLayout(inputDim, classes, models);
  const width = spec.kind === 'mlp' ? spec.hidden : classes;
  const wp = Math.ceil(width / 8) * 8;
  const w1 = 0;
  const b1 = w1 + models * wp * inputDim;
  const w2 = b1 + models * wp;
  const b2 = w2 + (spec.kind === 'mlp' ? models * classes * wp : 0);
  const size = b2 + (spec.kind === 'mlp' ? models * classes : 0);
  return { kind: spec.kind, models, inputDim, classes, width, wp, panels: (models * wp) / 8, w1, b1, w2, b2, size };
}

/** Model m's parameter ranges [offset, count] in the flat buffer. */
export function modelRanges(l: NativeLayout, m: number): [number, number][] {
  if (l.kind === 'cnn-s') return cnnModelRanges(l, m);
  const ranges: [number, number][] = [
    [l.w1 + m * l.wp * l.inputDim, l.wp * l.inputDim],
    [l.b1 + m * l.wp, l.wp],
  ];
  if (l.kind === 'mlp') ranges.push([l.w2 + m * l.classes * l.wp, l.classes * l.wp], [l.b2 + m * l.classes, l.classes]);
  return ranges;
}

/** Index in the flat buffer of first-layer weight (k, n), n = m·wp + j. */
function w1Index(l: DenseLayout, k: number, n: number): number {
  return l.w1 + panelIndex(l.inputDim, k, n);
}

/**
 * Where each of model m's parameters sits in the flat buffer, in interchange (ModelWeights)
 * order: what a per-parameter table (SalUn's mask, seeded noise) needs to address the same
 * weight on every engine without unpacking.
 */
export function modelIndex(l: NativeLayout, m: number): Int32Array {
  if (l.kind === 'cnn-s') return cnnModelIndex(l, m);
  const { inputDim: d, width, classes: c, wp } = l;
  const out = new Int32Array(d * width + width + (l.kind === 'mlp' ? width * c + c : 0));
  let o = 0;
  for (let k = 0; k < d; k++) for (let j = 0; j < width; j++) out[o++] = w1Index(l, k, m * wp + j);
  for (let j = 0; j < width; j++) out[o++] = l.b1 + m * wp + j;
  if (l.kind === 'mlp') {
    for (let j = 0; j < width; j++) for (let k = 0; k < c; k++) out[o++] = l.w2 + (m * c + k) * wp + j;
    for (let k = 0; k < c; k++) out[o++] = l.b2 + m * c + k;
  }
  return out;
}

/** Writes model m's interchange weights into the flat buffer. */
export function packModel(l: NativeLayout, flat: Float32Array, m: number, w: ModelWeights): void {
  if (l.kind === 'cnn-s') return packCnnModel(l, flat, m, w);
  const { inputDim: d, width, classes: c, wp } = l;
  const [first, firstBias] = w;
  for (let k = 0; k < d; k++) for (let j = 0; j < width; j++) flat[w1Index(l, k, m * wp + j)] = first[k * width + j];
  flat.set(firstBias, l.b1 + m * wp);
  if (l.kind === 'mlp') {
    const [, , w2, b2] = w;
    for (let j = 0; j < width; j++) for (let k = 0; k < c; k++) flat[l.w2 + (m * c + k) * wp + j] = w2[j * c + k];
    flat.set(b2, l.b2 + m * c);
  }
}

/** Reads model m's interchange weights out of the flat buffer. */
export function unpackModel(l: NativeLayout, flat: Float32Array, m: number): ModelWeights {
  if (l.kind === 'cnn-s') return unpackCnnModel(l, flat, m);
  const { inputDim: d, width, classes: c, wp } = l;
  const first = new Float32Array(d * width);
  for (let k = 0; k < d; k++) for (let j = 0; j < width; j++) first[k * width + j] = flat[w1Index(l, k, m * wp + j)];
  const firstBias = flat.slice(l.b1 + m * wp, l.b1 + m * wp + width);
  if (l.kind === 'linear') return [first, firstBias];
  const w2 = new Float32Array(width * c);
  for (let j = 0; j < width; j++) for (let k = 0; k < c; k++) w2[j * c + k] = flat[l.w2 + (m * c + k) * wp + j];
  return [first, firstBias, w2, flat.slice(l.b2 + m * c, l.b2 + (m + 1) * c)];
}
