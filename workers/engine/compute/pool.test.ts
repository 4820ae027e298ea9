import type { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/select';
import { runExperiment } from '../experiment/run-experiment';
import { smallDataset, smallExperiment } from '../testing/fixtures';
import { CancelledError, ComputeCrashedError } from '../train/errors';
import { crossEntropyPlan } from '../train/train-ensemble';
import { localCompute } from './local';
import { splitModels, WorkerPool, type PoolWorker } from './pool';
import { spawnNodeWorker } from './spawn.node.ts';
import { sharedBasisSteps } from '../attribution/ekfac-shared-basis';
import type { EkfacLayer } from '../attribution/ekfac';

beforeAll(async () => {
  await initBackend('wasm');
});

/** A pool whose threads the test can watch (and kill, to play a crash). */
function watchedPool(threads: number) {
  const spawned: { thread: Worker; exited: boolean }[] = [];
  const spawn = (): PoolWorker => {
    const w = spawnNodeWorker() as PoolWorker & { thread: Worker };
    const entry = { thread: w.thread, exited: false };
    w.thread.on('exit', () => (entry.exited = true));
    spawned.push(entry);
    return w;
  };
  return { pool: new WorkerPool(spawn, threads, { native: true, backend: 'wasm' }), spawned };
}

const until = async (ok: () => boolean) => {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 25));
};

describe('splitModels', () => {
  it('splits N models into contiguous, near-equal ranges, never more ranges than models', () => {
    expect(splitModels(5, 2)).toEqual([{ first: 0, count: 3 }, { first: 3, count: 2 }]);
    expect(splitModels(5, 3)).toEqual([{ first: 0, count: 2 }, { first: 2, count: 2 }, { first: 4, count: 1 }]);
    expect(splitModels(2, 4)).toEqual([{ first: 0, count: 1 }, { first: 1, count: 1 }]);
  });
});

describe('worker pool', () => {
  const pools: WorkerPool[] = [];
  afterAll(() => pools.forEach((p) => p.dispose()));

  it('gives the same bits as this thread for pool sizes 1, 2 and 3 (a whole experiment: references, methods, metrics)', async () => {
    const dataset = await smallDataset();
    const x = smallExperiment({ ensemble: { models: 5 }, methods: [{ id: 'ft', params: {} }, { id: 'scrub', params: {} }, { id: 'om', params: {} }, { id: 'rl', params: {} }] });
    const strip = (r: Awaited<ReturnType<typeof runExperiment>>) =>
      JSON.stringify({ reference: r.reference, methods: r.methods.map((m) => ({ outputs: m.outputs, evaluation: m.evaluation, status: m.status })) });
    const inThread = strip(await runExperiment(x, { dataset, compute: localCompute() }));
    for (const threads of [1, 2, 3]) {
      const { pool } = watchedPool(threads);
      pools.push(pool);
      const r = await runExperiment(x, { dataset, compute: pool });
      expect(r.threads).toBe(threads);
      expect(strip(r)).toBe(inThread);
    }
  });

  it('cancel terminates every worker; the next call starts fresh ones', async () => {
    const { pool, spawned } = watchedPool(2);
    pools.push(pool);
    const dataset = await smallDataset();
    const inputs = { values: new Float32Array(dataset.train.count * 512).fill(0.1), rows: dataset.train.count, dim: 512 };
    await pool.setInputs({ sets: { train: inputs }, imageShape: null });
    const e = await pool.createEnsemble({ kind: 'mlp', hidden: 64 }, 512, 10, [1, 2, 3, 4]);
    const controller = new AbortController();
    const indices = Int32Array.from({ length: dataset.train.count }, (_, i) => i);
    const plan = crossEntropyPlan({ indices, labels: dataset.train.labels, training: { epochs: 200, batchSize: 64, learningRate: 1e-3, schedule: 'constant' }, orderSeed: 1 });
    const run = e.train(plan, { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(pool.liveWorkers).toBe(0);
    await until(() => spawned.every((s) => s.exited));
    expect(spawned.map((s) => s.exited)).toEqual([true, true]);
    await expect(e.predict('train', Int32Array.of(0))).rejects.toBeInstanceOf(ComputeCrashedError); // those models are gone, and say so
    const fresh = await pool.createEnsemble({ kind: 'linear', hidden: 8 }, 512, 10, [1]);
    expect((await fresh.predict('train', Int32Array.of(0))).length).toBe(10);
    expect(spawned).toHaveLength(4);
  });

  it('a worker that dies fails the pending call with ComputeCrashedError, and the pool recovers', async () => {
    const { pool, spawned } = watchedPool(2);
    pools.push(pool);
    const inputs = { values: new Float32Array(4000 * 64).fill(0.5), rows: 4000, dim: 64 };
    await pool.setInputs({ sets: { train: inputs }, imageShape: null });
    const e = await pool.createEnsemble({ kind: 'mlp', hidden: 32 }, 64, 4, [1, 2]);
    const labels = new Uint8Array(4000);
    const plan = crossEntropyPlan({ indices: Int32Array.from({ length: 4000 }, (_, i) => i), labels, training: { epochs: 100, batchSize: 32, learningRate: 1e-3, schedule: 'constant' }, orderSeed: 1 });
    const run = e.train(plan, { onProgress: () => void spawned[1].thread.terminate() }); // not through the pool: a crash
    await expect(run).rejects.toThrow(/A compute worker stopped/);
    await expect(run).rejects.toBeInstanceOf(ComputeCrashedError);
    const again = await pool.createEnsemble({ kind: 'mlp', hidden: 8 }, 64, 4, [1]);
    expect((await again.predict('train', Int32Array.of(0))).length).toBe(4);
  });

  it('reads the first models\' weights from only the workers that hold them, the same as reading them all', async () => {
    const { pool } = watchedPool(3);
    pools.push(pool);
    const e = await pool.createEnsemble({ kind: 'mlp', hidden: 16 }, 16, 3, [1, 2, 3, 4, 5]); // split 2 | 2 | 1
    const all = await e.weights();
    expect(all).toHaveLength(5);
    expect(await e.weights(1)).toEqual(all.slice(0, 1));
    expect(await e.weights(3)).toEqual(all.slice(0, 3)); // spans two workers
    expect(await e.weights(9)).toEqual(all);
    e.dispose();
  });

  it('splits group Newton\'s shared-basis steps over its workers with the same bits as one thread', async () => {
    const [dA, dG, rows] = [9, 6, 7];
    const wave = (n: number, phase: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.37 + phase));
    const qa = wave(dA * dA, 0);
    const layers: EkfacLayer[] = Array.from({ length: 5 }, (_, k) => ({ dA, dG, qa, qg: wave(dG * dG, k + 1), qgT: wave(dG * dG, k + 2), lambda: wave(dA * dG, k + 3).map((v) => 2 + v) }));
    const gradientsF = layers.map((_, k) => wave(rows * dG, 10 + k));
    const job = { layers, paT: wave(dA * rows, 20), gradientsF, rows, retain: 40, damping: 0.5 };
    const inThread = sharedBasisSteps(job)!;
    for (const threads of [1, 2, 3]) {
      const { pool } = watchedPool(threads);
      pools.push(pool);
      const steps = (await pool.sharedBasisSteps(job))!;
      expect(steps).toHaveLength(5);
      steps.forEach((s, k) => expect(Array.from(s)).toEqual(Array.from(inThread[k])));
    }
    // a pool without the native kernels answers null, and the caller falls back to tfjs
    const tfjsPool = new WorkerPool(spawnNodeWorker, 2, { native: false, backend: 'wasm' });
    pools.push(tfjsPool);
    expect(await tfjsPool.sharedBasisSteps(job)).toBeNull();
  });

  it('leaks no ensemble in any worker over 20 runs', async () => {
    const { pool } = watchedPool(2);
    pools.push(pool);
    const inputs = { values: Float32Array.from({ length: 200 * 16 }, (_, i) => Math.sin(i)), rows: 200, dim: 16 };
    await pool.setInputs({ sets: { train: inputs }, imageShape: null });
    const labels = Uint8Array.from({ length: 200 }, (_, i) => i % 3);
    const plan = crossEntropyPlan({ indices: Int32Array.from({ length: 200 }, (_, i) => i), labels, training: { epochs: 2, batchSize: 32, learningRate: 1e-3, schedule: 'cosine' }, orderSeed: 1 });
    const before = JSON.stringify((await pool.usage()).threads);
    for (let i = 0; i < 20; i++) {
      const e = await pool.createEnsemble({ kind: i % 2 ? 'mlp' : 'linear', hidden: 16 }, 16, 3, [i, i + 1, i + 2]);
      const c = await e.clone();
      await c.train(plan);
      await c.predict('train');
      c.dispose();
      e.dispose();
    }
    await new Promise((r) => setTimeout(r, 50)); // disposals are fire-and-forget messages
    expect(JSON.stringify((await pool.usage()).threads)).toBe(before);
  });
});
