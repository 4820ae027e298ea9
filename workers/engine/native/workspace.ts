import { instantiateKernels, type KernelExports } from './kernels';

const ALIGN = 64; // a cache line; every region is also v128-aligned
const PAGE = 65536;

/** A region of the workspace: its byte offset and length in floats (or ints). */
export interface Region {
  ptr: number;
  length: number;
}

/**
 * One kernels instance and its memory, reused by every operation of a thread.
 *
 * An operation (a training plan, a prediction) lays out all its regions at once with
 * `layout`, which resets the bump allocator and grows memory if needed; views are made
 * after that (growing memory detaches old views). Operations never overlap within a
 * thread, so one workspace per thread is enough, and the memory an ensemble occupies
 * outside an operation is a plain Float32Array the garbage collector owns.
 */
export class Workspace {
  readonly k: KernelExports;
  /** Below this lie the module's own static data (exp/log tables): never overwritten. */
  private readonly base: number;
  private top: number;

  constructor() {
    this.k = instantiateKernels();
    this.base = Math.ceil(this.k.heapBase() / ALIGN) * ALIGN;
    this.top = this.base;
  }

  /** Reserves `sizes` (in 4-byte elements) from a fresh start and returns their regions. */
  layout<T extends Record<string, number>>(sizes: T): { [K in keyof T]: Region } {
    this.top = this.base;
    const out = {} as { [K in keyof T]: Region };
    for (const key of Object.keys(sizes) as (keyof T)[]) {
      const length = Math.max(0, Math.ceil(sizes[key]));
      out[key] = { ptr: this.top, length };
      this.top += Math.ceil((length * 4) / ALIGN) * ALIGN + ALIGN;
    }
    const have = this.k.memory.buffer.byteLength;
    if (this.top > have) this.k.memory.grow(Math.ceil((this.top - have) / PAGE));
    return out;
  }

  f32(r: Region): Float32Array {
    return new Float32Array(this.k.memory.buffer, r.ptr, r.length);
  }

  i32(r: Region): Int32Array {
    return new Int32Array(this.k.memory.buffer, r.ptr, r.length);
  }

  /** A region reserved with 2 elements per float64. */
  f64(r: Region): Float64Array {
    return new Float64Array(this.k.memory.buffer, r.ptr, r.length >> 1);
  }

  /** Bytes of memory this workspace holds (it never shrinks; one per thread). */
  get bytes(): number {
    return this.k.memory.buffer.byteLength;
  }
}

const byPurpose = new Map<string, Workspace>();

/**
 * The thread's workspace for one purpose: 'train' holds a training run's state while an
 * evaluation inside that run (an epoch's accuracy) uses 'eval', so neither clobbers the other.
 * 'preview' keeps the instant preview's datamodels resident between clicks.
 */
export function workspace(purpose: 'train' | 'eval' | 'linalg' | 'preview'): Workspace {
  let ws = byPurpose.get(purpose);
  if (!ws) byPurpose.set(purpose, (ws = new Workspace()));
  return ws;
}
