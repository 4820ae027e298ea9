/**
 * A note in localStorage while an experiment runs: which experiment, when it started, which
 * methods had finished. A reload mid-run leaves it behind, so the page that comes back can
 * say the run was interrupted and offer to run it again (the finished methods' numbers are
 * not stored: they are re-computed, mostly from the ensemble cache).
 */
import { experimentSchema, type Experiment } from '../../workers/engine/experiment/schema';
import { withFullParams } from '../../workers/engine/experiment/spelled-out-params';

const KEY = 'unlearning-lab:run-in-progress';

export interface InterruptedRun {
  experiment: Experiment;
  startedAt: number;
  finished: string[];
}

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem'>;

const storage = (): Storage | null => {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage blocked (privacy settings): no journal, nothing else changes
  }
};

function write(s: Storage | null, run: InterruptedRun): void {
  try {
    s?.setItem(KEY, JSON.stringify(run));
  } catch {
    // a full quota only costs the interrupted-run notice
  }
}

export function journalStart(experiment: Experiment, s = storage()): void {
  // every hyperparameter spelled out: "run it again" after an update runs what was running
  write(s, { experiment: { ...experiment, methods: withFullParams(experiment.methods) }, startedAt: Date.now(), finished: [] });
}

export function journalMethod(label: string, s = storage()): void {
  const run = readInterrupted(s);
  if (run) write(s, { ...run, finished: [...run.finished, label] });
}

/** The run ended here (done, cancelled or failed): nothing to report after a reload. */
export function journalEnd(s = storage()): void {
  try {
    s?.removeItem(KEY);
  } catch {
    // nothing to do
  }
}

/** The run a reload interrupted, if any; a note from another version that no longer parses is dropped. */
export function readInterrupted(s = storage()): InterruptedRun | null {
  try {
    const raw = s?.getItem(KEY);
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<InterruptedRun>;
    const experiment = experimentSchema.safeParse(v.experiment);
    if (!experiment.success || typeof v.startedAt !== 'number' || !Array.isArray(v.finished)) return null;
    return { experiment: experiment.data, startedAt: v.startedAt, finished: v.finished.map(String) };
  } catch {
    return null;
  }
}
