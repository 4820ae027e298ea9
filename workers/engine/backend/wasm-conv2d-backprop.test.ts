import { beforeAll, describe, expect, it } from 'vitest';
import '@tensorflow/tfjs-backend-wasm';
import { tf } from '../tf';
import { registerWasmTrainingKernels, shippedConv2DBackpropInput } from './wasm-conv2d-backprop';

type Pad = 'same' | 'valid' | number | [[number, number], [number, number], [number, number], [number, number]];

interface Case {
  x: [number, number, number, number];
  filter: [number, number, number, number];
  stride: 1 | 2;
  pad: Pad;
}

/** Deterministic values in [-1, 1) so both backends see identical inputs. */
function values(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

const size = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);

/**
 * Gradients of Σ r·conv2d(x, w) with respect to x and w on `backend`. The random
 * weighting r makes dy non-uniform, which a plain sum would not.
 */
async function convGrads(backend: string, c: Case): Promise<{ dx: Float32Array; dw: Float32Array }> {
  await tf.setBackend(backend);
  return tf.tidy(() => {
    const x = tf.tensor4d(values(size(c.x), 1), c.x);
    const w = tf.tensor4d(values(size(c.filter), 2), c.filter);
    const y = tf.conv2d(x, w, c.stride, c.pad);
    const r = tf.tensor(values(size(y.shape), 3), y.shape);
    const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.stride, c.pad).mul(r).sum(),
    )([x, w]);
    return { dx: dx.dataSync() as Float32Array, dw: dw.dataSync() as Float32Array };
  });
}

function relError(a: Float32Array, b: Float32Array): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return diff / scale;
}

const shapes: Pick<Case, 'x' | 'filter'>[] = [
  { x: [2, 8, 8, 3], filter: [3, 3, 3, 16] },
  { x: [3, 9, 7, 16], filter: [3, 3, 16, 32] },
  { x: [1, 11, 10, 4], filter: [5, 5, 4, 6] },
  { x: [2, 6, 7, 5], filter: [2, 4, 5, 3] },
  { x: [4, 5, 5, 2], filter: [1, 1, 2, 4] },
];
const cases: Case[] = [
  ...shapes.flatMap((s) =>
    ([1, 2] as const).flatMap((stride) => (['same', 'valid'] as const).map((pad) => ({ ...s, stride, pad }))),
  ),
  // Padding wider than the kernel reach and lopsided explicit padding take the crop paths.
  { x: [2, 7, 6, 3], filter: [2, 2, 3, 4], stride: 1, pad: [[0, 0], [3, 0], [0, 2], [0, 0]] },
  { x: [2, 7, 6, 3], filter: [3, 3, 3, 4], stride: 2, pad: [[0, 0], [1, 3], [2, 0], [0, 0]] },
  { x: [1, 6, 6, 2], filter: [3, 3, 2, 2], stride: 2, pad: 1 },
];

describe('wasm conv2d gradients', () => {
  beforeAll(async () => {
    registerWasmTrainingKernels();
    registerWasmTrainingKernels(); // idempotent
    expect(await tf.setBackend('wasm')).toBe(true);
  });

  it('replaces the shipped input-gradient kernel and adds the filter one', () => {
    const shipped = shippedConv2DBackpropInput();
    expect(shipped).toBeDefined();
    expect(tf.getKernel('Conv2DBackpropInput', 'wasm')?.kernelFunc).not.toBe(shipped?.kernelFunc);
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
  });

  it.each(cases)('match cpu for x=$x filter=$filter stride=$stride pad=$pad', async (c) => {
    const cpu = await convGrads('cpu', c);
    const wasm = await convGrads('wasm', c);
    expect(tf.getBackend()).toBe('wasm');
    expect(relError(wasm.dw, cpu.dw)).toBeLessThan(1e-5);
    expect(relError(wasm.dx, cpu.dx)).toBeLessThan(1e-5);
  });

  it('frees every intermediate', async () => {
    await tf.setBackend('wasm');
    const c = cases[7];
    await convGrads('wasm', c);
    const before = tf.memory().numTensors;
    const beforeData = tf.engine().backend.numDataIds();
    await convGrads('wasm', c);
    expect(tf.memory().numTensors).toBe(before);
    expect(tf.engine().backend.numDataIds()).toBe(beforeData);
  });

  it('rejects NCHW and dilation with a clear error', async () => {
    await tf.setBackend('wasm');
    const x = tf.zeros([1, 4, 4, 2]);
    const dy = tf.zeros([1, 4, 4, 3]);
    const attrs = { strides: 1, pad: 'same', filterShape: [3, 3, 2, 3] };
    const run = (extra: object) => () =>
      tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { ...attrs, ...extra } as unknown as tf.NamedAttrMap);
    expect(run({ dataFormat: 'NCHW' })).toThrow(/only dataFormat 'NHWC'/);
    expect(run({ dataFormat: 'NHWC', dilations: 2 })).toThrow(/dilation must be 1/);
    tf.dispose([x, dy]);
  });
});
