import { localCompute } from '../engine/compute/local';
import { WorkerPool, type PoolWorker } from '../engine/compute/pool';
import type { Compute } from '../engine/compute/types';
import { nativeKernelsSupported } from '../engine/native/kernels';

/** A Web Worker running ./pool.worker.ts. */
function spawnPoolWorker(): PoolWorker {
  const worker = new Worker(new URL('./pool.worker.ts', import.meta.url), { type: 'module', name: 'compute' });
  return {
    endpoint: worker,
    terminate: () => worker.terminate(),
    onFailure(listener) {
      worker.addEventListener('error', (e) => listener(e.message || 'the worker failed to load or threw'));
    },
  };
}

/** Worker threads for the page's pool: every core (?threads=N overrides it for tests). */
export function poolThreads(requested?: number): number {
  const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 2;
  return Math.max(1, Math.min(64, requested ?? cores));
}

/**
 * Where the page's models train: on wasm, a pool of Web Workers running the native kernels
 * (every core); on a GPU backend, tfjs in this worker (one device, fused ensembles).
 */
export function computeForBackend(backend: string, threads?: number): Compute {
  if (backend === 'wasm' && nativeKernelsSupported()) return new WorkerPool(spawnPoolWorker, poolThreads(threads), { native: true, backend: 'wasm' });
  return localCompute({ native: false });
}
