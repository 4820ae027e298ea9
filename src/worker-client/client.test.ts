/**
 * The worker bridge against a fake worker (a MessageChannel running a scripted API):
 * queueing, cancel-by-terminate with transparent restart and replay, crashes, and lost
 * GPUs. The real worker is covered by the e2e tests.
 */
import * as Comlink from 'comlink';
import { describe, expect, test, vi } from 'vitest';
import type {
  BackendLostCallback, DatasetChoice, HeldDatamodels, LabWorkerApi, LoadDatasetOptions, Outcome, TrainRequest,
} from '../../workers/entry/lab-api';
import { LabClient, type LabClientOptions } from './client';

/** Stands in for a module Worker: Comlink talks to it, tests can crash or inspect it. */
interface Behaviour {
  hangTrain?: boolean;
  failLoad?: boolean;
  failImport?: boolean;
}

class FakeWorker extends EventTarget {
  terminated = false;
  readonly calls: string[] = [];
  private readonly port: MessagePort;
  private readonly inner: MessagePort;
  lost: BackendLostCallback | null = null;

  constructor(behaviour: Behaviour) {
    super();
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.inner = port2;
    port1.addEventListener('message', (e) => this.dispatchEvent(new MessageEvent('message', { data: (e as MessageEvent).data })));
    port1.start();
    const calls = this.calls;
    const api: LabWorkerApi = {
      init: async (preference) => {
        calls.push(`init:${preference}`);
        return { ok: true, value: { active: 'cpu', requested: preference, fallbacks: [], flags: {} } };
      },
      loadDataset: async (choice: DatasetChoice, options: LoadDatasetOptions) => {
        calls.push(`load:${choice.kind}:${options.withPixels}`);
        if (behaviour.failLoad) return { ok: false, error: { kind: 'dataset', message: 'x.bin: bad', file: 'x.bin' } };
        const summary = { id: choice.kind, name: choice.kind, trainSize: 1, validationSize: 1, classNames: ['a'], classCounts: [1], hash: 'h' };
        return { ok: true, value: { summary, pixels: null, labels: null } };
      },
      train: async (request: TrainRequest, onProgress, onEpoch) => {
        calls.push(`train:${request.spec.kind}`);
        await onProgress({ stage: 'Training', done: 1, total: 2, secondsLeft: 1 });
        if (behaviour.hangTrain) return new Promise<never>(() => undefined);
        await onEpoch({ epoch: 1, loss: 1, trainAccuracy: 0.5, validationAccuracy: 0.4, seconds: 0.1 });
        return { ok: true, value: { backend: 'cpu', history: [] } as never };
      },
      importDatamodels: async (files) => {
        calls.push(`import:${files.map((f) => `${f.name}:${f.bytes.byteLength}`).join(',')}`);
        if (behaviour.failImport) return { ok: false, error: { kind: 'bad-request', message: 'beta.npy: wrong shape' } };
        return { ok: true, value: { shape: [1, 1] } as never };
      },
      computeDatamodels: async () => {
        calls.push('compute');
        return { ok: true, value: {} as never };
      },
      previewForget: async (indices) => {
        calls.push(`preview:${indices.length}`);
        return { ok: true, value: null };
      },
      releaseDatamodels: async () => {
        calls.push('release');
        return { ok: true, value: held() };
      },
      adoptDatamodels: async (h) => {
        calls.push(`adopt:${h.blobs.map((b) => b.length).join(',')}`);
        return { ok: true, value: null };
      },
      watchBackendLoss: (cb) => {
        this.lost = cb;
      },
    };
    Comlink.expose(api, port2);
  }

  postMessage(message: unknown, transfer: Transferable[] = []): void {
    if (!this.terminated) this.port.postMessage(message, transfer);
  }

  terminate(): void {
    this.terminated = true;
    this.port.close();
    this.inner.close();
  }

  crash(message: string): void {
    this.dispatchEvent(Object.assign(new Event('error', { cancelable: true }), { message }));
  }
}

const held = (): HeldDatamodels => ({ header: {}, blobs: [new Float32Array(6), new Float32Array(2)], source: 'experiment', datasetHash: 'h', logits: null, saveProblem: null });

function setup(behaviours: Behaviour[] = [], options: LabClientOptions = {}) {
  const workers: FakeWorker[] = [];
  const events = { onBackend: vi.fn(), onCrash: vi.fn(), onBackendLost: vi.fn(), onWorkerStarted: vi.fn() };
  const client = new LabClient(() => {
    const w = new FakeWorker(behaviours[workers.length] ?? {});
    workers.push(w);
    return w as unknown as Worker;
  }, events, options);
  return { client, workers, events };
}

const synthetic: DatasetChoice = { kind: 'synthetic', seed: 1, trainSize: 10, validationSize: 2 };
const request: TrainRequest = { spec: { kind: 'linear', hidden: 8 }, training: { epochs: 1, batchSize: 8, learningRate: 0.1, schedule: 'constant' }, seed: 1 };
const noop = () => undefined;
const errorKind = (o: Outcome<unknown>) => (o.ok ? 'ok' : o.error.kind);

describe('LabClient', () => {
  test('runs calls in order on one worker and streams callbacks', async () => {
    const { client, workers, events } = setup();
    const progress = vi.fn();
    const epochs = vi.fn();
    const [init, load, train] = await Promise.all([client.init('wasm'), client.loadDataset(synthetic), client.train(request, progress, epochs)]);
    expect([init.ok, load.ok, train.ok]).toEqual([true, true, true]);
    expect(workers).toHaveLength(1);
    expect(workers[0].calls).toEqual(['init:wasm', 'load:synthetic:true', 'train:linear']);
    expect(progress).toHaveBeenCalledTimes(1);
    expect(epochs).toHaveBeenCalledTimes(1);
    expect(events.onBackend).toHaveBeenCalledTimes(1);
    expect(events.onWorkerStarted).toHaveBeenCalledWith(1);
  });

  test('cancel terminates the worker, drops queued calls, and the next call restores a fresh one', async () => {
    const { client, workers, events } = setup([{ hangTrain: true }]);
    await client.init('webgl');
    await client.loadDataset(synthetic);
    const running = client.train(request, noop, noop);
    const queued = client.train(request, noop, noop);
    await vi.waitFor(() => expect(workers[0].calls).toContain('train:linear'));
    client.cancel();
    expect(errorKind(await running)).toBe('cancelled');
    expect(errorKind(await queued)).toBe('cancelled');
    expect(workers[0].terminated).toBe(true);

    const again = await client.train(request, noop, noop);
    expect(again.ok).toBe(true);
    expect(workers).toHaveLength(2);
    expect(workers[1].calls).toEqual(['init:webgl', 'load:synthetic:false', 'train:linear']);
    expect(events.onWorkerStarted).toHaveBeenLastCalledWith(2);
  });

  test('a crash fails the running call, and an idle crash is reported as an event', async () => {
    const { client, workers, events } = setup([{ hangTrain: true }]);
    await client.loadDataset(synthetic);
    const running = client.train(request, noop, noop);
    await vi.waitFor(() => expect(workers[0].calls).toContain('train:linear'));
    workers[0].crash('boom');
    const out = await running;
    expect(errorKind(out)).toBe('crashed');
    expect(out.ok ? '' : out.error.message).toMatch(/boom/);
    expect(events.onCrash).not.toHaveBeenCalled();

    await client.warmUp();
    workers[1].crash('idle boom');
    expect(events.onCrash).toHaveBeenCalledTimes(1);
    expect((await client.train(request, noop, noop)).ok).toBe(true);
    expect(workers).toHaveLength(3);
  });

  test('a dataset that fails to load is not replayed into a fresh worker', async () => {
    const { client, workers } = setup([{ failLoad: true }, {}]);
    expect(errorKind(await client.loadDataset(synthetic))).toBe('dataset');
    client.cancel();
    await client.train(request, noop, noop);
    // Nothing ever loaded, so the fresh worker only gets the backend before training.
    expect(workers[1].calls).toEqual(['init:auto', 'train:linear']);
  });

  test('imported datamodels are imported again into a fresh worker, until something replaces them', async () => {
    const { client, workers } = setup();
    await client.loadDataset(synthetic);
    expect((await client.importDatamodels([{ name: 'beta.npy', blob: new Blob([new Uint8Array(12)]) }])).ok).toBe(true);
    client.cancel();
    await client.train(request, noop, noop);
    expect(workers[1].calls).toEqual(['init:auto', 'load:synthetic:false', 'import:beta.npy:12', 'train:linear']);

    // Datamodels computed on the page are newer: a restart must not bring the imported ones back.
    await client.computeDatamodels({} as never, noop);
    client.cancel();
    await client.train(request, noop, noop);
    expect(workers[2].calls).toEqual(['init:auto', 'load:synthetic:false', 'train:linear']);
  });

  test('a replayed import that fails is dropped instead of blocking every later call', async () => {
    const { client, workers } = setup([{}, { failImport: true }]);
    await client.loadDataset(synthetic);
    await client.importDatamodels([{ name: 'beta.npy', blob: new Blob([new Uint8Array(4)]) }]);
    client.cancel();
    expect((await client.train(request, noop, noop)).ok).toBe(true);
    client.cancel();
    await client.train(request, noop, noop);
    expect(workers[2].calls).toEqual(['init:auto', 'load:synthetic:false', 'train:linear']);
  });

  test('loading another dataset forgets the imported datamodels', async () => {
    const { client, workers } = setup();
    await client.loadDataset(synthetic);
    await client.importDatamodels([{ name: 'beta.npy', blob: new Blob([new Uint8Array(4)]) }]);
    await client.loadDataset({ ...synthetic, seed: 2 });
    client.cancel();
    await client.train(request, noop, noop);
    expect(workers[1].calls).toEqual(['init:auto', 'load:synthetic:false', 'train:linear']);
  });

  test('a lost GPU ends the worker and the next call starts another', async () => {
    const { client, workers, events } = setup();
    await client.init('webgpu');
    workers[0].lost?.({ kind: 'backend-lost', backend: 'webgpu', reason: 'unknown', message: 'GPU device lost' });
    await vi.waitFor(() => expect(events.onBackendLost).toHaveBeenCalledTimes(1));
    expect(workers[0].terminated).toBe(true);
    await client.init('webgpu');
    expect(workers).toHaveLength(2);
  });
});

describe('two lanes: the run lane and the interactive lane', () => {
  test('a preview answers while a run holds the other lane, and cancelling the run keeps the preview’s worker', async () => {
    const run = setup([{ hangTrain: true }]);
    const interactive = setup([], { followsBackend: true });
    await run.client.loadDataset(synthetic);
    interactive.client.followBackend('cpu');
    interactive.client.useDataset(synthetic);
    const training = run.client.train(request, noop, noop);
    await vi.waitFor(() => expect(run.workers[0].calls).toContain('train:linear'));
    expect((await interactive.client.previewForget(new Int32Array(3))).ok).toBe(true);
    run.client.cancel();
    expect(errorKind(await training)).toBe('cancelled');
    expect(interactive.workers[0].terminated).toBe(false);
    expect((await interactive.client.previewForget(new Int32Array(2))).ok).toBe(true);
    expect(interactive.workers).toHaveLength(1);
    expect(interactive.workers[0].calls).toEqual(['init:cpu', 'load:synthetic:false', 'preview:3', 'preview:2']);
  });

  test('a following lane waits for the backend the run lane chose, then loads the dataset without pixels', async () => {
    const { client, workers } = setup([], { followsBackend: true });
    client.useDataset(synthetic);
    let answered = false;
    const preview = client.previewForget(new Int32Array(1)).then((o) => ((answered = true), o));
    await new Promise((r) => setTimeout(r, 20));
    expect(answered).toBe(false);
    expect(workers[0]?.calls ?? []).toEqual([]);
    client.followBackend('wasm');
    expect((await preview).ok).toBe(true);
    expect(workers[0].calls).toEqual(['init:wasm', 'load:synthetic:false', 'preview:1']);
  });

  test('datamodels move from the run lane to the interactive lane transferred, and replace imported ones there', async () => {
    const run = setup();
    const interactive = setup([], { followsBackend: true });
    interactive.client.followBackend('cpu');
    interactive.client.useDataset(synthetic);
    await interactive.client.importDatamodels([{ name: 'beta.npy', blob: new Blob([new Uint8Array(4)]) }]);
    const released = await run.client.releaseDatamodels();
    expect(released.ok && released.value).toBeTruthy();
    const h = (released as { ok: true; value: HeldDatamodels }).value;
    expect((await interactive.client.adoptDatamodels(h)).ok).toBe(true);
    expect(h.blobs[0].byteLength).toBe(0); // transferred on, not copied
    expect(interactive.workers[0].calls).toEqual(['init:cpu', 'load:synthetic:false', 'import:beta.npy:4', 'adopt:6,2']);
    // A restarted interactive worker must not bring back the older imported datamodels.
    interactive.client.cancel();
    await interactive.client.previewForget(new Int32Array(1));
    expect(interactive.workers[1].calls).toEqual(['init:cpu', 'load:synthetic:false', 'preview:1']);
  });
});
