import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { nativeKernelsSupported } from '../native/kernels';
import { WorkerPool, type PoolWorker, type SpawnWorker } from './pool';

/** worker_threads running ./pool-worker.node.ts (through its tsx bootstrap); `thread` for tests. */
export const spawnNodeWorker: SpawnWorker = (): PoolWorker & { thread: Worker } => {
  const worker = new Worker(new URL('./pool-worker.node.mjs', import.meta.url), { execArgv: [] });
  let failed = false;
  return {
    thread: worker,
    endpoint: nodeEndpoint(worker),
    terminate: () => {
      failed = true; // an exit we asked for is not a failure
      void worker.terminate();
    },
    onFailure(listener) {
      worker.on('error', (e) => {
        if (!failed) listener(e instanceof Error ? e.message : String(e));
        failed = true;
      });
      worker.on('exit', (code) => {
        if (!failed) listener(`exited with code ${code}`);
        failed = true;
      });
    },
  };
};

/** The Node pool: one worker per core unless told otherwise, native kernels where supported. */
export function nodeWorkerPool(o: { threads?: number; backend?: string } = {}): WorkerPool {
  return new WorkerPool(spawnNodeWorker, o.threads ?? availableParallelism(), { native: nativeKernelsSupported(), backend: o.backend ?? 'wasm' });
}
