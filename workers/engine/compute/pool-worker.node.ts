/** A pool worker in Node (worker_threads): the CLI's, the benchmarks' and the tests' compute threads. */
import { parentPort } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { poolWorkerApi } from './pool-worker-api';

if (!parentPort) throw new Error('pool-worker.node.ts runs as a worker thread');
Comlink.expose(
  poolWorkerApi(async (backend) => {
    const { initBackend } = await import('../backend/select');
    await initBackend(backend as 'wasm' | 'cpu');
  }),
  nodeEndpoint(parentPort),
);
