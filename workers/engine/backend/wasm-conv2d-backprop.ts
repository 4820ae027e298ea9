/**
 * Convolution gradients for the wasm backend, built from kernels it already has.
 *
 * Why this file exists: tfjs-backend-wasm 4.22 ships no `Conv2DBackpropFilter` kernel,
 * so `tf.grads` through any `conv2d` throws on wasm and conv nets cannot train there.
 * Its `Conv2DBackpropInput` exists but is a naive C++ loop, 5–10× slower than the
 * XNNPACK `Conv2D` for the shapes we train. Both gradients are convolutions in
 * disguise, so we express them as one XNNPACK `Conv2D` plus cheap layout ops:
 *
 * - filter gradient: dW[kh,kw,ci,co] = Σ_{b,oh,ow} xpad[b, oh·s+kh, ow·s+kw, ci] · dy[b,oh,ow,co].
 *   Read the input's channels as the batch and its batch as the channels
 *   (x → [ci, H, W, B]) and dy as a filter ([OH, OW, B, co]); a stride-1 conv with
 *   dilation s then yields [ci, KH, KW, co]. Measured on cnn-s shapes at batch 128
 *   (Node, 1 thread): 24–37 ms, against 210–340 ms for im2col + matMul or per-tap
 *   matMuls (wasm's transposed matMul is slow).
 * - input gradient: dx is the "full" correlation of dy (zero-dilated by the stride)
 *   with the spatially flipped filter whose in/out channels are swapped. 16–21 ms
 *   against 94–231 ms for the shipped kernel at stride 1; 80–103 ms against 210–246 ms
 *   at stride 2, where 3 in 4 rows/columns of the dilated dy are zeros (a per-phase
 *   split would avoid that work; cnn-s has no strided convs, so it was not worth it).
 *   In cnn-s training this doubled throughput (see the report in backend/README.md).
 *
 * Kernels are called at the backend level (`getKernel(...).kernelFunc`) rather than
 * through `tf.*` ops: they receive plain TensorInfos, skip the engine's per-op
 * bookkeeping, and leave nothing on the gradient tape. Every intermediate is freed
 * with `backend.disposeData` before returning.
 */
import { tf } from '../tf';

type TensorInfo = tf.TensorInfo;
type Shape4 = [number, number, number, number];
type PadPair = [number, number];

/** Minimal view of the wasm backend we need: kernels receive it and free data with it. */
interface KernelBackend {
  disposeData(dataId: object, force?: boolean): boolean;
}

type Attrs = Record<string, unknown>;

/** What the engine passes a kernel; attrs are read loosely and checked where used. */
interface KernelArgs {
  inputs: tf.NamedTensorInfoMap;
  backend: tf.KernelBackend;
  attrs: Attrs;
}

const BACKEND = 'wasm';

/**
 * Runs already registered wasm kernels on TensorInfos and remembers every output, each
 * of which holds one reference to its data (Reshape and no-op Transpose share data with
 * their input but still take a reference). `release(keep)` drops all but `keep`, so a
 * kernel frees its intermediates in one call however its path branched.
 */
class KernelScope {
  private readonly owned: TensorInfo[] = [];

  constructor(readonly backend: KernelBackend) {}

  run(name: string, inputs: Record<string, TensorInfo>, attrs: Attrs): TensorInfo {
    const kernel = tf.getKernel(name, BACKEND);
    if (kernel == null) {
      throw new Error(`wasm training kernels: the wasm backend has no '${name}' kernel to build on.`);
    }
    const out = kernel.kernelFunc({
      inputs,
      attrs: attrs as unknown as tf.NamedAttrMap,
      backend: this.backend as unknown as tf.KernelBackend,
    });
    const info = Array.isArray(out) ? out[0] : out;
    this.owned.push(info);
    return info;
  }

  /** Drops the scope's reference to every output except `keep` (if given), which the caller returns. */
  release<T extends TensorInfo | undefined>(keep: T): T {
    for (const info of this.owned) {
      if (info !== keep) this.backend.disposeData(info.dataId);
    }
    this.owned.length = 0;
    return keep;
  }
}

/** Runs a kernel body in a fresh scope; on error, frees what it made so far before rethrowing. */
function scoped(backend: tf.KernelBackend, body: (scope: KernelScope) => TensorInfo): TensorInfo {
  const scope = new KernelScope(backend as unknown as KernelBackend);
  try {
    return scope.release(body(scope));
  } catch (err) {
    scope.release(undefined);
    throw err;
  }
}

/**
 * Crops the two spatial axes of an NHWC tensor by non-negative amounts [top, bottom]
 * and [left, right]. Needed when a 'valid' or explicit padding leaves rows that the
 * convolution never reads: the gradient formulas then ask for negative padding, and
 * Conv2D only takes non-negative explicit padding. Returns `x` when nothing is cropped.
 */
function cropSpatial(scope: KernelScope, x: TensorInfo, rows: PadPair, cols: PadPair): TensorInfo {
  if (rows[0] + rows[1] + cols[0] + cols[1] === 0) return x;
  const [n, h, w, c] = x.shape as Shape4;
  return scope.run('Slice', { x }, {
    begin: [0, rows[0], cols[0], 0],
    size: [n, h - rows[0] - rows[1], w - cols[0] - cols[1], c],
  });
}

/** Splits a signed padding amount into (padding ≥ 0, crop ≥ 0). */
const padPart = (amount: number): number => Math.max(0, amount);
const cropPart = (amount: number): number => Math.max(0, -amount);

/** Rejects what the formulas below do not cover, with a message that names the fix. */
function assertSupported(kernel: string, dataFormat: unknown, dilations: unknown): void {
  if (dataFormat !== undefined && dataFormat !== 'NHWC') {
    throw new Error(`${kernel} (wasm training kernel): only dataFormat 'NHWC' is supported, got '${String(dataFormat)}'.`);
  }
  const d = dilations === undefined ? 1 : dilations;
  const ok = d === 1 || (Array.isArray(d) && d.every((v) => v === 1));
  if (!ok) {
    throw new Error(`${kernel} (wasm training kernel): dilation must be 1, got ${JSON.stringify(d)}.`);
  }
}

interface ConvGeometry {
  strideH: number;
  strideW: number;
  padTop: number;
  padLeft: number;
  outH: number;
  outW: number;
}

/** Output size and the real (asymmetric) padding, exactly as the forward Conv2D saw them. */
function geometry(xShape: Shape4, filterShape: Shape4, attrs: Attrs): ConvGeometry {
  const info = tf.backend_util.computeConv2DInfo(
    xShape,
    filterShape,
    attrs.strides as [number, number] | number,
    1,
    attrs.pad as 'valid' | 'same' | number | tf.backend_util.ExplicitPadding,
    attrs.dimRoundingMode as 'floor' | 'round' | 'ceil' | undefined,
    false,
    'channelsLast',
  );
  return {
    strideH: info.strideHeight,
    strideW: info.strideWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
    outH: info.outHeight,
    outW: info.outWidth,
  };
}

/**
 * dW for an NHWC conv2d, as one dilated XNNPACK convolution (see the file comment).
 * Inputs: x [B,H,W,ci], dy [B,OH,OW,co]; attrs.filterShape [KH,KW,ci,co].
 */
function conv2DBackpropFilter(args: KernelArgs): TensorInfo {
  const { attrs } = args;
  assertSupported('Conv2DBackpropFilter', attrs.dataFormat, attrs.dilations);
  return scoped(args.backend, (scope) => filterGradient(scope, args.inputs, attrs));
}

function filterGradient(scope: KernelScope, inputs: tf.NamedTensorInfoMap, attrs: Attrs): TensorInfo {
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const filterShape = attrs.filterShape as Shape4;
  const [kh, kw] = filterShape;
  const [, h, w] = x.shape as Shape4;
  const g = geometry(x.shape as Shape4, filterShape, attrs);
  // Padded rows [0, (OH-1)·s + KH) are read; a negative amount here means trailing
  // input rows the forward conv skipped (stride > 1 with 'valid'), which we crop.
  const bottom = (g.outH - 1) * g.strideH + kh - h - g.padTop;
  const right = (g.outW - 1) * g.strideW + kw - w - g.padLeft;

  const xc = cropSpatial(scope, x, [0, cropPart(bottom)], [0, cropPart(right)]);
  const xT = scope.run('Transpose', { x: xc }, { perm: [3, 1, 2, 0] });
  const dyT = scope.run('Transpose', { x: dy }, { perm: [1, 2, 0, 3] });
  const conv = scope.run('Conv2D', { x: xT, filter: dyT }, {
    strides: [1, 1],
    pad: [[0, 0], [g.padTop, padPart(bottom)], [g.padLeft, padPart(right)], [0, 0]],
    dataFormat: 'NHWC',
    dilations: [g.strideH, g.strideW],
    dimRoundingMode: undefined,
  });
  return scope.run('Transpose', { x: conv }, { perm: [1, 2, 0, 3] });
}

/** The shipped Conv2DBackpropInput, kept for NCHW, which the fast path does not cover. */
let shippedBackpropInput: tf.KernelConfig | undefined;

/**
 * dx for an NHWC conv2d: a stride-1 XNNPACK convolution of dy (zero-dilated by the
 * stride) with the flipped, channel-swapped filter. Inputs: dy [B,OH,OW,co],
 * filter [KH,KW,ci,co]; attrs.inputShape [B,H,W,ci].
 */
function conv2DBackpropInput(args: KernelArgs): TensorInfo {
  const { attrs } = args;
  if (attrs.dataFormat === 'NCHW' && shippedBackpropInput != null) {
    // NCHW is rare in tfjs and the shipped kernel handles it; not worth a second path.
    return shippedBackpropInput.kernelFunc(args as unknown as Parameters<tf.KernelFunc>[0]) as TensorInfo;
  }
  assertSupported('Conv2DBackpropInput', attrs.dataFormat, attrs.dilations);
  return scoped(args.backend, (scope) => inputGradient(scope, args.inputs, attrs));
}

function inputGradient(scope: KernelScope, inputs: tf.NamedTensorInfoMap, attrs: Attrs): TensorInfo {
  const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
  const inputShape = attrs.inputShape as Shape4;
  const [kh, kw] = filter.shape as Shape4;
  const [, h, w] = inputShape;
  const g = geometry(inputShape, filter.shape as Shape4, attrs);
  const [b, oh, ow, co] = dy.shape as Shape4;

  // Zero-dilate dy so that dy[o] lands at row o·s: view it as [B,OH,1,OW,1,co], pad to
  // [B,OH,s,OW,s,co] and read back as [B,OH·s,OW·s,co]. The s-1 trailing zero rows
  // are absorbed by the bottom padding below, which may turn into a crop.
  let dyD = dy;
  if (g.strideH > 1 || g.strideW > 1) {
    const dy6 = scope.run('Reshape', { x: dy }, { shape: [b, oh, 1, ow, 1, co] });
    const padded = scope.run('PadV2', { x: dy6 }, {
      paddings: [[0, 0], [0, 0], [0, g.strideH - 1], [0, 0], [0, g.strideW - 1], [0, 0]],
      constantValue: 0,
    });
    dyD = scope.run('Reshape', { x: padded }, { shape: [b, oh * g.strideH, ow * g.strideW, co] });
  }
  // "Full" correlation: KH-1-padTop zero rows before, enough after to yield H rows.
  const top = kh - 1 - g.padTop;
  const left = kw - 1 - g.padLeft;
  const bottom = h + kh - 1 - dyD.shape[1] - top;
  const right = w + kw - 1 - dyD.shape[2] - left;
  const dyC = cropSpatial(scope, dyD, [cropPart(top), cropPart(bottom)], [cropPart(left), cropPart(right)]);

  const flipped = scope.run('Reverse', { x: filter }, { dims: [0, 1] });
  const wT = scope.run('Transpose', { x: flipped }, { perm: [0, 1, 3, 2] });
  return scope.run('Conv2D', { x: dyC, filter: wT }, {
    strides: [1, 1],
    pad: [[0, 0], [padPart(top), padPart(bottom)], [padPart(left), padPart(right)], [0, 0]],
    dataFormat: 'NHWC',
    dilations: [1, 1],
    dimRoundingMode: undefined,
  });
}

let registered = false;

/**
 * Registers the wasm training kernels (Conv2DBackpropFilter, a faster
 * Conv2DBackpropInput). Idempotent, and safe to call before or after the wasm backend
 * initialises: the replaced input kernel keeps the shipped kernel's `setupFunc`, which
 * the fallback path relies on. Call it after importing '@tensorflow/tfjs-backend-wasm'.
 */
export function registerWasmTrainingKernels(): void {
  if (registered) return;
  const shipped = tf.getKernel('Conv2DBackpropInput', BACKEND);
  if (shipped == null) {
    throw new Error("registerWasmTrainingKernels: the wasm backend is not registered; import '@tensorflow/tfjs-backend-wasm' first.");
  }
  shippedBackpropInput = shipped;
  if (tf.getKernel('Conv2DBackpropFilter', BACKEND) == null) {
    tf.registerKernel({
      kernelName: 'Conv2DBackpropFilter',
      backendName: BACKEND,
      kernelFunc: conv2DBackpropFilter as unknown as tf.KernelFunc,
    });
  }
  // registerKernel warns on duplicates, so remove the shipped config first.
  tf.unregisterKernel('Conv2DBackpropInput', BACKEND);
  tf.registerKernel({
    kernelName: 'Conv2DBackpropInput',
    backendName: BACKEND,
    kernelFunc: conv2DBackpropInput as unknown as tf.KernelFunc,
    setupFunc: shipped.setupFunc,
    disposeFunc: shipped.disposeFunc,
  });
  registered = true;
}

/** For tests and benchmarks: the shipped input-gradient kernel, to compare against. */
export function shippedConv2DBackpropInput(): tf.KernelConfig | undefined {
  return shippedBackpropInput;
}
