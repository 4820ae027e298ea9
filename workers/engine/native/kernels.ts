import { KERNELS_WASM_BASE64 } from './kernels.wasm';

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
  adam(param: number, grad: number, m1: number, m2: number, count: number, lr: number, beta1: number, beta2: number, epsilon: number, correction1: number, correction2: number): void;
  allFinite(x: number, count: number): boolean;
  heapBase(): number;
  spdInverse(a: number, n: number, work: number, inv: number): number;
}

let compiled: WebAssembly.Module | null = null;

function decode(base64: string): Uint8Array {
  return Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0)); // atob: every browser, worker and Node ≥ 16
}

/**
 * True where this JavaScript engine runs wasm SIMD (every current browser and Node ≥ 16).
 * Without it the engine trains with tfjs instead.
 */
let supported: boolean | null = null;

export function nativeKernelsSupported(): boolean {
  if (supported === null) {
    try {
      supported = typeof WebAssembly === 'object' && WebAssembly.validate(decode(KERNELS_WASM_BASE64) as BufferSource);
    } catch {
      supported = false;
    }
  }
  return supported;
}

/** A fresh kernels instance with its own memory (synchronous: the module is small). */
export function instantiateKernels(): KernelExports {
  compiled ??= new WebAssembly.Module(decode(KERNELS_WASM_BASE64) as BufferSource);
  return new WebAssembly.Instance(compiled, {}).exports as unknown as KernelExports;
}
