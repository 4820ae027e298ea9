import * as Comlink from 'comlink';
import type { ModelSpec } from '../models/spec';
import type { ModelWeights } from '../models/weights';
import { CancelledError, ComputeCrashedError } from '../train/errors';
import { mergeReports, planForModels, type TrainingPlan } from '../train/plan';
import type { PoolWorkerApi } from './pool-worker-api';
import { runProgress } from './progress';
import type { Compute, ComputeInputs, Ensemble, InputSetName, RunOptions } from './types';
import type { SharedBasisJob } from '../attribution/ekfac-shared-basis';

/** A started worker, whatever the platform (Web Worker, worker_threads). */
export interface PoolWorker {
  endpoint: Comlink.Endpoint;
  terminate(): void;
  /** Registers the one listener for the worker dying on its own (error, exit). */
  onFailure(listener: (message: string) => void): void;
}

export type SpawnWorker = () => PoolWorker;

interface Slot {
  worker: PoolWorker;
  api: Comlink.Remote<PoolWorkerApi>;
  /** Rejects when this worker dies or the pool is terminated: every call races it. */
  lost: Promise<never>;
  lose: (e: Error) => void;
}

/** Contiguous model ranges [first, count) for `threads` workers, as even as possible. */
export function splitModels(models: number, threads: number): { first: number; count: number }[] {
  const parts: { first: number; count: number }[] = [];
  const used = Math.max(1, Math.min(threads, models));
  for (let t = 0, first = 0; t < used; t++) {
    const count = Math.floor(models / used) + (t < models % used ? 1 : 0);
    parts.push({ first, count });
    first += count;
  }
  return parts;
}

/**
 * Compute spread over a pool of workers: every ensemble's models are split into
 * contiguous ranges, one per worker, and each operation runs on all ranges at once.
 * A model's seed and data order come from its index, never from its worker, and the native
 * kernels compute each model independently of the others in its range, so results are
 * the same bits for any pool size.
 *
 * Cancel (the run's AbortSignal) terminates every worker: the only sure way to stop a
 * kernel. A worker that dies fails every pending call with ComputeCrashedError. Either
 * way the ensembles held are gone; the next call starts fresh workers and sends the
 * inputs again.
 */
export class WorkerPool implements Compute {
  readonly engine: 'native' | 'tfjs';
  private slots: Slot[] | null = null;
  private inputs: ComputeInputs | null = null;
  private generation = 0;
  private nextId = 1;

  constructor(
    private readonly spawn: SpawnWorker,
    readonly threads: number,
    private readonly options: { native: boolean; backend: string },
  ) {
    if (!(threads >= 1)) throw new RangeError(`worker pool: ${threads} threads`);
    this.engine = options.native ? 'native' : 'tfjs';
  }

  get backend(): string {
    return this.options.backend;
  }

  async setInputs(inputs: ComputeInputs): Promise<void> {
    this.inputs = inputs;
    if (this.slots) await Promise.all(this.slots.map((s) => this.call(s, (api) => api.setInputs(inputs))));
  }

  async createEnsemble(spec: ModelSpec, inputDim: number, classes: number, seeds: number[]): Promise<Ensemble> {
    const slots = await this.ready();
    const id = this.nextId++;
    const parts = splitModels(seeds.length, slots.length);
    await Promise.all(parts.map((p, t) => this.call(slots[t], (api) => api.create(id, spec, inputDim, classes, seeds.slice(p.first, p.first + p.count)))));
    return this.handle(id, spec, seeds.length, inputDim, classes);
  }

  async ensembleFromWeights(spec: ModelSpec, inputDim: number, classes: number, weights: ModelWeights[]): Promise<Ensemble> {
    const slots = await this.ready();
    const id = this.nextId++;
    const parts = splitModels(weights.length, slots.length);
    await Promise.all(parts.map((p, t) => this.call(slots[t], (api) => api.load(id, spec, inputDim, classes, weights.slice(p.first, p.first + p.count)))));
    return this.handle(id, spec, weights.length, inputDim, classes);
  }

  async sharedBasisSteps(job: SharedBasisJob): Promise<Float32Array[] | null> {
    const slots = await this.ready();
    // contiguous ranges of layers, as of models: the shared basis and F's projection go to each
    const parts = splitModels(job.layers.length, slots.length);
    const steps = await Promise.all(
      parts.map((p, t) => this.call(slots[t], (api) => api.sharedBasisSteps({ ...job, layers: job.layers.slice(p.first, p.first + p.count), gradientsF: job.gradientsF.slice(p.first, p.first + p.count) }))),
    );
    return steps.some((s) => s === null) ? null : steps.flatMap((s) => s!);
  }

  async usage() {
    const slots = await this.ready();
    return { threads: await Promise.all(slots.map((s) => this.call(s, (api) => api.usage()))) };
  }

  /** Terminates every worker; `reason` is what pending calls fail with. */
  terminate(reason: Error = new CancelledError()): void {
    const slots = this.slots;
    this.slots = null;
    this.generation++;
    for (const s of slots ?? []) {
      s.lose(reason);
      s.worker.terminate();
    }
  }

  dispose(): void {
    this.terminate(new Error('The compute pool was shut down.'));
  }

  /** Workers alive now (0 after a cancel until the next call starts them). */
  get liveWorkers(): number {
    return this.slots?.length ?? 0;
  }

  private async ready(): Promise<Slot[]> {
    if (this.slots) return this.slots;
    const slots = Array.from({ length: this.threads }, () => this.start());
    this.slots = slots;
    await Promise.all(slots.map((s) => this.call(s, (api) => api.configure(this.options))));
    if (this.inputs) await Promise.all(slots.map((s) => this.call(s, (api) => api.setInputs(this.inputs!))));
    return slots;
  }

  private start(): Slot {
    const worker = this.spawn();
    let lose!: (e: Error) => void;
    const lost = new Promise<never>((_, reject) => (lose = reject));
    lost.catch(() => undefined); // observed by the calls that race it
    const slot: Slot = { worker, api: Comlink.wrap<PoolWorkerApi>(worker.endpoint), lost, lose };
    worker.onFailure((message) => {
      if (this.slots?.includes(slot)) this.terminate(new ComputeCrashedError(`A compute worker stopped: ${message}`));
    });
    return slot;
  }

  private call<T>(slot: Slot, f: (api: Comlink.Remote<PoolWorkerApi>) => Promise<T> | T): Promise<T> {
    return Promise.race([Promise.resolve(f(slot.api)), slot.lost]) as Promise<T>;
  }

  private handle(id: number, spec: ModelSpec, size: number, inputDim: number, classes: number): Ensemble {
    const generation = this.generation;
    const slots = () => {
      if (generation !== this.generation || !this.slots) throw new ComputeCrashedError('These models were lost when the compute workers were restarted.');
      return this.slots;
    };
    const parts = splitModels(size, this.threads);
    return {
      spec,
      size,
      inputDim,
      classes,
      train: async (plan: TrainingPlan, run: RunOptions = {}) => {
        const s = slots();
        const poolRows = this.inputs?.sets.train?.rows ?? 0;
        const progress = runProgress(parts.length, run.stage ?? 'Training', run.onProgress);
        const abort = () => this.terminate(new CancelledError());
        if (run.signal?.aborted) throw new CancelledError();
        if (run.checkpoint) throw new Error('compute: checkpoints need in-thread compute (localCompute), not a worker pool');
        run.signal?.addEventListener('abort', abort);
        const callbacks = parts.map((_, t) => Comlink.proxy((done: number, total: number, loss: number, examples: number) => progress(t, done, total, loss, examples)));
        try {
          const reports = await Promise.all(
            parts.map((p, t) => this.call(s[t], (api) => api.train(id, planForModels(plan, p.first, p.count, poolRows, classes), callbacks[t]))),
          );
          return mergeReports(reports);
        } finally {
          run.signal?.removeEventListener('abort', abort);
        }
      },
      predict: async (set: InputSetName, rows?: Int32Array) => {
        const s = slots();
        const blocks = await Promise.all(parts.map((_, t) => this.call(s[t], (api) => api.predict(id, set, rows))));
        const out = new Float32Array(blocks.reduce((a, b) => a + b.length, 0));
        let o = 0;
        for (const b of blocks) {
          out.set(b, o);
          o += b.length;
        }
        return out;
      },
      weights: async (count?: number) => {
        const s = slots();
        // only the workers that hold one of the first `count` models are asked
        const asked = parts.flatMap((p, t) => (count == null || p.first < count ? [{ t, n: count == null ? undefined : Math.min(p.count, count - p.first) }] : []));
        return (await Promise.all(asked.map(({ t, n }) => this.call(s[t], (api) => api.weights(id, n))))).flat();
      },
      curvature: async (labels: Uint8Array) => {
        const s = slots();
        return (await Promise.all(parts.map((_, t) => this.call(s[t], (api) => api.curvature(id, labels))))).flat();
      },
      clone: async () => {
        const s = slots();
        const to = this.nextId++;
        await Promise.all(parts.map((_, t) => this.call(s[t], (api) => api.clone(id, to))));
        return this.handle(to, spec, size, inputDim, classes);
      },
      dispose: () => {
        if (generation !== this.generation || !this.slots) return;
        for (const [t] of parts.entries()) void this.call(this.slots[t], (api) => api.dispose(id)).catch(() => undefined);
      },
    };
  }
}
