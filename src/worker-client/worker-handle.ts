/**
 * One running lab worker and the ways it can end. The client keeps at most one of these
 * and replaces it after a cancel or a crash.
 *
 * Why a "dead" promise: a terminated worker never answers, so every pending Comlink call
 * on it would hang forever. Racing each call against `dead` turns "terminated" and
 * "crashed" into ordinary failed outcomes the store can show.
 */
import * as Comlink from 'comlink';
import type { LabWorkerApi, WorkerError } from '../../workers/entry/lab-api';

export type WorkerFactory = () => Worker;

/**
 * The worker API as the page calls it: every method async. (Comlink's own Remote<> type
 * splits a union return like Outcome<T> into a union of promises, which loses T.)
 */
export type LabRemote = {
  [K in keyof LabWorkerApi]: (...args: Parameters<LabWorkerApi[K]>) => Promise<Awaited<ReturnType<LabWorkerApi[K]>>>;
};

export class WorkerHandle {
  readonly remote: LabRemote;
  /** Rejects with the WorkerError that ended this worker; never resolves. */
  readonly dead: Promise<never>;
  /** Calls in flight on this worker (a crash with none in flight has no caller to tell). */
  busy = 0;
  private ended: WorkerError | null = null;
  private rejectDead!: (e: WorkerError) => void;

  constructor(
    private readonly worker: Worker,
    readonly generation: number,
    onCrash: (error: WorkerError, handle: WorkerHandle) => void,
  ) {
    this.dead = new Promise<never>((_, reject) => (this.rejectDead = reject));
    this.dead.catch(() => undefined); // observed through races; avoid "unhandled rejection" noise
    this.remote = Comlink.wrap<LabWorkerApi>(worker) as unknown as LabRemote;
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      const detail = event.message || 'the worker script failed to load or threw outside any call';
      const error: WorkerError = { kind: 'crashed', message: detail };
      if (this.end(error)) onCrash(error, this);
    });
    worker.addEventListener('messageerror', () => {
      const error: WorkerError = { kind: 'crashed', message: 'A message from the worker could not be read.' };
      if (this.end(error)) onCrash(error, this);
    });
  }

  get alive(): boolean {
    return this.ended == null;
  }

  /** Terminates the worker and fails every pending call with `error`. Returns false if already ended. */
  end(error: WorkerError): boolean {
    if (this.ended) return false;
    this.ended = error;
    this.worker.terminate();
    this.rejectDead(error);
    return true;
  }

  /** Awaits `call` unless the worker ends first; either way the result is a value, not a throw. */
  async race<T>(call: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: WorkerError }> {
    this.busy++;
    try {
      return { ok: true, value: await Promise.race([call, this.dead]) };
    } catch (err) {
      if (this.ended) return { ok: false, error: this.ended };
      const message = err instanceof Error ? err.message : String(err);
      return { ok: false, error: { kind: 'internal', message } };
    } finally {
      this.busy--;
    }
  }
}
