import { localCompute } from '../../workers/engine/compute/local';
import { nodeWorkerPool } from '../../workers/engine/compute/spawn.node.ts';
import type { Compute } from '../../workers/engine/compute/types';

/**
 * Where the CLI's models train: on wasm, a pool of worker threads running the native
 * kernels (one per core unless `threads` says otherwise; 1 means this thread); on any
 * other backend (an explicit `--backend cpu`, or webgpu), tfjs in this thread.
 */
export function computeFor(backend: string, threads?: number): Compute {
  if (backend !== 'wasm') return localCompute({ native: false });
  if (threads === 1) return localCompute();
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1 && threads <= 64)) throw new Error(`--threads must be a whole number from 1 to 64 (got ${threads})`);
  return nodeWorkerPool({ threads });
}
