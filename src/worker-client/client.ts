/**
 * The page's one typed, cancellable interface to the compute worker (a Squoosh-style
 * worker bridge). Every call resolves to an Outcome, never throws, so the store can show
 * failures as values.
 *
 * - Calls are queued: the worker does one thing at a time, in order.
 * - cancel() terminates the worker (the only sure way to stop a long tfjs kernel) and
 *   fails the running and queued calls as 'cancelled'.
 * - The next call starts a fresh worker and first replays what the page had set up
 *   (backend preference, loaded dataset, imported datamodels), so callers never see the
 *   restart.
 * - A worker that crashes becomes a 'crashed' outcome (or an onCrash event when idle).
 *
 * The page keeps two of these (state/client-instance.ts): the run lane (training,
 * experiments, computing datamodels) and the interactive lane (forget rules, the pool map,
 * the instant preview), so a preview never waits behind a run and a cancel stops only the run.
 */
import * as Comlink from 'comlink';
import type {
  BackendLost, BackendPreference, BackendReport, ClassifierResult, DatasetChoice, EpochCallback,
  ExperimentProgressCallback, ExperimentResults, ResultsCallback, LoadedDataset, Outcome, ProgressCallback,
  TrainRequest, WorkerError,
} from '../../workers/entry/lab-api';
import type {
  DatamodelsInfo, DatamodelsRequest, ForgetPreview, HeldDatamodels, ImportSummary, PoolMap, ResolvedWithPreview,
} from '../../workers/entry/lab-api';
import { heldBuffers } from '../../workers/entry/forget/held-datamodels';
import { WorkerHandle, type WorkerFactory } from './worker-handle';

export interface LabClientEvents {
  /** A worker initialised a backend (first start, a change, or a restart's replay). */
  onBackend?(report: BackendReport): void;
  /** The worker died while no call was running (otherwise the running call reports it). */
  onCrash?(error: WorkerError): void;
  /** The GPU under the backend was lost; the worker is restarted on the next call. */
  onBackendLost?(event: BackendLost): void;
  /** A new worker started (1 for the first); e2e tests use it to see a cancel restart. */
  onWorkerStarted?(generation: number): void;
}

/**
 * A `.npy` file the user picked. Kept as the Blob (a File is disk-backed, so this holds no
 * copy of a possibly huge β) and read again when a fresh worker needs it.
 */
export interface DatamodelFile {
  name: string;
  blob: Blob;
}

export interface LabClientOptions {
  /**
   * Take the backend from followBackend() instead of choosing one: the interactive lane
   * waits for the run lane's choice, so both compute the same fixed features (the forget
   * set shown is the one a run resolves) and never measure the backends at the same time.
   */
  followsBackend?: boolean;
}

const cancelled: WorkerError = { kind: 'cancelled', message: 'Cancelled: the compute worker was stopped.' };

export class LabClient {
  private handle: WorkerHandle | null = null;
  private generation = 0;
  private queue: Promise<unknown> = Promise.resolve();
  /** Bumped by cancel(); calls queued before it are dropped instead of run. */
  private cancelEpoch = 0;
  /** What the page has asked for; replayed into every fresh worker. */
  private wanted: WorkerState & { backend: BackendPreference } = { backend: 'auto', dataset: null, imported: null };
  /** What the current worker already holds. */
  private holds: WorkerState = { backend: null, dataset: null, imported: null };
  /** Resolves once the backend to use is known (at once unless it follows another lane's). */
  private backendKnown: Promise<void>;
  private markBackendKnown: () => void = () => undefined;

  constructor(
    private readonly createWorker: WorkerFactory,
    private readonly events: LabClientEvents = {},
    options: LabClientOptions = {},
  ) {
    this.backendKnown = options.followsBackend ? new Promise((resolve) => (this.markBackendKnown = resolve)) : Promise.resolve();
  }

  /** Uses `backend` from the next call on (a following lane: what the run lane chose). */
  followBackend(backend: BackendPreference): void {
    this.wanted.backend = backend;
    this.markBackendKnown();
  }

  /** Holds `choice` from the next call on, loaded without pixels (the page already has them). */
  useDataset(choice: DatasetChoice): void {
    if (this.wanted.dataset === choice) return;
    this.wanted.dataset = choice;
    // Imported datamodels were validated against the previous dataset.
    this.wanted.imported = null;
  }

  /** Chooses the backend (and remembers it for restarts). */
  init(preference: BackendPreference): Promise<Outcome<BackendReport>> {
    this.wanted.backend = preference;
    return this.enqueue((h) => this.initOn(h, preference));
  }

  /** Loads a dataset and returns its summary and training images; the worker keeps it for training. */
  loadDataset(choice: DatasetChoice): Promise<Outcome<LoadedDataset>> {
    return this.enqueue(async (h) => {
      const out = await h.race(h.remote.loadDataset(choice, { withPixels: true }));
      const result = flatten(out);
      if (result.ok) {
        this.wanted.dataset = choice;
        this.holds.dataset = choice;
        // Imported datamodels were validated against the previous dataset.
        this.wanted.imported = null;
        this.holds.imported = null;
      }
      return result;
    });
  }

  /** Trains a classifier on the loaded dataset, streaming progress and per-epoch records. */
  train(request: TrainRequest, onProgress: ProgressCallback, onEpoch: EpochCallback): Promise<Outcome<ClassifierResult>> {
    return this.ready((h) => h.remote.train(request, Comlink.proxy(onProgress), Comlink.proxy(onEpoch)));
  }

  /** Runs a whole experiment on the loaded dataset, streaming progress and each method's result. */
  runExperiment(
    experiment: unknown,
    onProgress: ExperimentProgressCallback,
    onResults: ResultsCallback,
  ): Promise<Outcome<ExperimentResults>> {
    return this.afterReplay(async (h) => {
      const out = flatten(await h.race(h.remote.runExperiment(experiment, Comlink.proxy(onProgress), Comlink.proxy(onResults))));
      // A run with attribution replaced the worker's datamodels: a restart must not bring back older imported ones.
      if (out.ok && out.value.attribution.length > 0) this.wanted.imported = null;
      return out;
    });
  }

  /** Forget-set picker calls (workers/entry/forget-api.ts), run on the worker after its state is restored. */
  resolveForget(rule: unknown, seed: number): Promise<Outcome<ResolvedWithPreview>> {
    return this.ready((h) => h.remote.resolveForget(rule, seed));
  }

  poolMap(): Promise<Outcome<PoolMap>> {
    return this.ready((h) => h.remote.poolMap());
  }

  datamodelsInfo(): Promise<Outcome<DatamodelsInfo | null>> {
    return this.ready((h) => h.remote.datamodelsInfo());
  }

  previewForget(indices: Int32Array): Promise<Outcome<ForgetPreview | null>> {
    return this.ready((h) => h.remote.previewForget(indices));
  }

  /** The datamodels this lane's worker holds, handed over (see adoptDatamodels). */
  releaseDatamodels(): Promise<Outcome<HeldDatamodels | null>> {
    return this.ready((h) => h.remote.releaseDatamodels());
  }

  /** Datamodels another lane made; they replace any imported ones, here and in a restarted worker. */
  adoptDatamodels(held: HeldDatamodels): Promise<Outcome<DatamodelsInfo | null>> {
    return this.afterReplay(async (h) => {
      // The page received these arrays transferred and passes them on the same way: no copy stays here.
      const out = flatten(await h.race(h.remote.adoptDatamodels(Comlink.transfer(held, heldBuffers(held)))));
      if (out.ok) this.wanted.imported = null;
      return out;
    });
  }

  computeDatamodels(request: DatamodelsRequest, onProgress: ProgressCallback): Promise<Outcome<DatamodelsInfo>> {
    return this.afterReplay(async (h) => {
      const out = flatten(await h.race(h.remote.computeDatamodels(request, Comlink.proxy(onProgress))));
      if (out.ok) this.wanted.imported = null;
      return out;
    });
  }

  /** Loads `.npy` datamodels for the preview; they are imported again into any fresh worker. */
  importDatamodels(files: DatamodelFile[]): Promise<Outcome<ImportSummary>> {
    return this.afterReplay(async (h) => {
      const out = await this.importOn(h, files);
      if (out.ok) this.wanted.imported = files;
      return out;
    });
  }

  /** One worker call, raced against the worker's death, on a worker restored to the page's state. */
  private ready<T>(call: (h: WorkerHandle) => Promise<Outcome<T>>): Promise<Outcome<T>> {
    return this.afterReplay(async (h) => flatten(await h.race(call(h))));
  }

  /** Queues `job` to run once the (possibly fresh) worker holds the page's state. */
  private afterReplay<T>(job: (h: WorkerHandle) => Promise<Outcome<T>>): Promise<Outcome<T>> {
    return this.enqueue(async (h) => {
      const ready = await this.replay(h);
      return ready.ok ? job(h) : ready;
    });
  }

  /** Starts a fresh worker now and restores its state, so the next action does not wait for it. */
  warmUp(): Promise<Outcome<null>> {
    return this.afterReplay(async () => ({ ok: true, value: null }));
  }

  /** Stops whatever runs now and drops what is queued. Safe to call when idle. */
  cancel(): void {
    this.cancelEpoch++;
    this.handle?.end(cancelled);
    this.handle = null;
  }

  /** Terminates the worker for good (page unload, tests). */
  dispose(): void {
    this.cancel();
  }

  private enqueue<T>(job: (h: WorkerHandle) => Promise<Outcome<T>>): Promise<Outcome<T>> {
    const epoch = this.cancelEpoch;
    const run = async (): Promise<Outcome<T>> => {
      if (epoch !== this.cancelEpoch) return { ok: false, error: cancelled };
      return job(this.ensureWorker());
    };
    const result = this.queue.then(run, run);
    this.queue = result;
    return result;
  }

  private ensureWorker(): WorkerHandle {
    if (this.handle?.alive) return this.handle;
    this.generation++;
    const handle = new WorkerHandle(this.createWorker(), this.generation, (error, h) => {
      if (this.handle === h) this.handle = null;
      if (h.busy === 0) this.events.onCrash?.(error);
    });
    this.handle = handle;
    this.holds = { backend: null, dataset: null, imported: null };
    void handle.remote.watchBackendLoss(
      Comlink.proxy((event: BackendLost) => {
        this.events.onBackendLost?.(event);
        // Kernels on a lost device fail or hang: end this worker; the next call restarts.
        handle.end({ kind: 'backend-lost', message: `${event.message} (${event.backend}). The compute worker will restart.` });
        if (this.handle === handle) this.handle = null;
      }),
    );
    this.events.onWorkerStarted?.(this.generation);
    return handle;
  }

  private async importOn(h: WorkerHandle, files: DatamodelFile[]): Promise<Outcome<ImportSummary>> {
    let read: { name: string; bytes: ArrayBuffer }[];
    try {
      read = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: await f.blob.arrayBuffer() })));
    } catch (e) {
      return { ok: false, error: { kind: 'bad-request', message: `Could not read the datamodel files again: ${e instanceof Error ? e.message : String(e)}` } };
    }
    // The buffers are transferred: no second copy on this thread.
    const out = flatten(await h.race(h.remote.importDatamodels(Comlink.transfer(read, read.map((f) => f.bytes)))));
    if (out.ok) this.holds.imported = files;
    return out;
  }

  private async initOn(h: WorkerHandle, preference: BackendPreference): Promise<Outcome<BackendReport>> {
    const result = flatten(await h.race(h.remote.init(preference)));
    if (result.ok) {
      this.holds.backend = preference;
      this.events.onBackend?.(result.value);
    }
    return result;
  }

  /** Brings a (possibly fresh) worker to the state the page expects: backend, then dataset. */
  private async replay(h: WorkerHandle): Promise<Outcome<null>> {
    await this.backendKnown;
    if (this.holds.backend !== this.wanted.backend) {
      const r = await this.initOn(h, this.wanted.backend);
      if (!r.ok) return r;
    }
    const dataset = this.wanted.dataset;
    if (dataset != null && this.holds.dataset !== dataset) {
      const r = flatten(await h.race(h.remote.loadDataset(dataset, { withPixels: false })));
      if (!r.ok) return r;
      this.holds.dataset = dataset;
    }
    const imported = this.wanted.imported;
    if (imported != null && this.holds.imported !== imported) {
      const r = await this.importOn(h, imported);
      if (!r.ok && (r.error.kind === 'cancelled' || r.error.kind === 'crashed')) return r;
      // Files that no longer read or validate must not block every later call: drop them.
      if (!r.ok) this.wanted.imported = null;
    }
    return { ok: true, value: null };
  }
}

interface WorkerState {
  backend: BackendPreference | null;
  dataset: DatasetChoice | null;
  imported: DatamodelFile[] | null;
}

/** A raced call of a worker method that itself returns an Outcome: one Outcome. */
function flatten<T>(raced: { ok: true; value: Outcome<T> } | { ok: false; error: WorkerError }): Outcome<T> {
  return raced.ok ? raced.value : raced;
}
