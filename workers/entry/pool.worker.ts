/// <reference lib="webworker" />
/**
 * A compute worker of the page's pool (engine/compute/pool.ts): holds its share of every
 * ensemble's models and trains them on the native kernels (linear, mlp) or tfjs (cnn-s).
 * Started by the lab worker, one per core; tfjs's backend loads only if a model needs it.
 */
import * as Comlink from 'comlink';
import { poolWorkerApi } from '../engine/compute/pool-worker-api';

Comlink.expose(
  poolWorkerApi(async (backend) => {
    const [{ initBackend }, { viteWasmPaths }] = await Promise.all([import('../engine/backend/select'), import('../engine/backend/wasm-paths.vite')]);
    await initBackend(backend as 'wasm', { wasmPaths: viteWasmPaths });
  }),
);
