import { KERNELS_FUSED_WASM_BASE64, KERNELS_STRICT_WASM_BASE64 } from './kernels.wasm';

/**
 * The native kernels (./assembly, compiled to wasm SIMD and embedded by
 * `npm run build:kernels`): typed exports, compiled once per thread.
 * Pointers are byte offsets into the instance's memory (see ./workspace.ts).
 */
export interface KernelExports {
  memory: WebAssembly.Memory;
  denseForward(x: number, rows: number, k: number, w: number, panels: number, bias: number, out: number, ldo: number, relu: boolean): void;
  denseWeightGradient(xT: number, k: number, rows: number, dy: number, panels: number, dw: number): void;
  panelColumnSums(dy: number, rows: number, panels: number, out: number): void;
  transpose(x: number, rows: number, k: number, xT: number): void;
  headForward(h: number, rows: number, ldh: number, models: number, wp: number, w2t: number, b2: number, classes: number, z: number): void;
  headBackward(h: number, rows: number, ldh: number, models: number, wp: number, w2t: number, dz: number, classes: number, dw2t: number, db2: number, dhp: number): void;
  packLogitGradient(dz: number, models: number, rows: number, classes: number, wp: number, dzp: number): void;
  crossEntropyTerm(z: number, zModel: number, zRow: number, models: number, classes: number, rows: number, from: number, to: number, labels: number, weights: number, termWeight: number, dz: number, loss: number): void;
  squaredErrorTerm(z: number, zModel: number, zRow: number, models: number, classes: number, rows: number, from: number, to: number, targets: number, termWeight: number, dz: number, loss: number): void;
  distillationTerm(z: number, zModel: number, zRow: number, models: number, classes: number, rows: number, from: number, to: number, teacher: number, temperature: number, termWeight: number, dz: number, loss: number): void;
  pad3x3(x: number, images: number, h: number, w: number, c: number, cp: number, xp: number): void;
  conv3x3(xp: number, images: number, h: number, w: number, c: number, kernel: number, panels: number, bias: number, y: number, relu: boolean): void;
  conv3x3WeightGradientAdd(xp: number, images: number, h: number, w: number, c: number, dy: number, panels: number, dw: number): void;
  flipKernel(w: number, c: number, n: number, wf: number): void;
  reluBackward(dy: number, y: number, rows: number, panels: number, db: number): void;
  maxPool2Forward(x: number, images: number, h: number, w: number, c: number, out: number): void;
  maxPool2Backward(x: number, dOut: number, images: number, h: number, w: number, c: number, dx: number): void;
  globalAveragePool(x: number, images: number, positions: number, c: number, out: number, ldo: number): void;
  globalAveragePoolBackward(dpp: number, images: number, positions: number, c: number, dx: number): void;
  adam(param: number, grad: number, m1: number, m2: number, count: number, lr: number, beta1: number, beta2: number, epsilon: number, correction1: number, correction2: number): void;
  allFinite(x: number, count: number): boolean;
  heapBase(): number;
  spdInverse(a: number, n: number, work: number, inv: number): number;
}

/**
 * Which build of the kernels this engine runs: 'fused' (relaxed SIMD's fused multiply-add,
 * ~1.4× faster matmuls) where the engine validates it, else 'strict' (plain SIMD), else
 * none (no wasm SIMD: the engine trains with tfjs instead). The builds round differently,
 * so the choice is part of a run's provenance (see implementationOf).
 */
export type KernelBuild = 'fused' | 'strict';

const BASE64: Record<KernelBuild, string> = { fused: KERNELS_FUSED_WASM_BASE64, strict: KERNELS_STRICT_WASM_BASE64 };

let build: KernelBuild | null | undefined;
const compiled: Partial<Record<KernelBuild, WebAssembly.Module>> = {};

function decode(base64: string): Uint8Array {
  return Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0)); // atob: every browser, worker and Node ≥ 16
}

function validates(b: KernelBuild): boolean {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(decode(BASE64[b]) as BufferSource);
  } catch {
    return false;
  }
}

/**
 * Node 20's V8 has relaxed SIMD behind a flag (browsers and Node ≥ 22 ship it on). V8's
 * flags are process-wide, so turning it on here, before any module is compiled, covers
 * every worker thread too. A no-op outside Node.
 */
function enableNodeRelaxedSimd(): boolean {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const v8 = proc?.getBuiltinModule?.('node:v8') as { setFlagsFromString(flags: string): void } | undefined;
  if (!v8) return false;
  v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
  return true;
}

export function nativeKernelBuild(): KernelBuild | null {
  if (build === undefined) {
    if (validates('fused') || (enableNodeRelaxedSimd() && validates('fused'))) build = 'fused';
    else build = validates('strict') ? 'strict' : null;
  }
  return build;
}

/** True where this JavaScript engine runs wasm SIMD (every current browser and Node ≥ 16). */
export function nativeKernelsSupported(): boolean {
  return nativeKernelBuild() !== null;
}

/**
 * A fresh kernels instance with its own memory (synchronous: the module is small), of the
 * build this engine runs unless told which (the tests compare the two).
 */
export function instantiateKernels(b: KernelBuild | null = nativeKernelBuild()): KernelExports {
  if (!b) throw new Error('This JavaScript engine has no wasm SIMD, which the native kernels need.');
  const module = (compiled[b] ??= new WebAssembly.Module(decode(BASE64[b]) as BufferSource));
  return new WebAssembly.Instance(module, {}).exports as unknown as KernelExports;
}
