/**
 * `window.__lab`: a small, read-only view of the lab for end-to-end tests, so they can
 * assert on numbers (backend, dataset sizes, accuracies) instead of on pixels. Plain
 * JSON only; apart from updateExperiment it exposes no actions, so tests drive the page
 * as a user does.
 */
import type { BackendReport, ClassifierResult, DatasetSummary, EpochRecord, Progress } from '../../workers/entry/lab-api';
import type { ExperimentProgress, ExperimentResults, MethodResult } from '../../workers/entry/lab-api';
import type { Experiment } from '../../workers/engine/experiment/schema';
import { useExperimentStore } from '../state/experiment-store';
import { useRunStore, type ExperimentRunStatus } from '../state/run-store';
import { useLab, type GridStats, type LabMessage, type RunStatus } from '../state/store';
import { useForget } from '../components/Forget/forget-store';

/** The forget-set picker: the rule, the indices the worker resolved it to, the preview. */
export interface ForgetSnapshot {
  rule: unknown;
  status: string;
  indices: number[];
  classCounts: number[];
  problem: string | null;
  mapReady: boolean;
  datamodels: string | null;
  preview: { forgetSize: number; ms: number; accuracy: unknown; focus: unknown } | null;
}

/** What a share link carries, as the page holds it now, and the address bar. */
export interface SharedSnapshot {
  experiment: unknown;
  hidden: string[];
  lesson: { id: string; step: number } | null;
  url: string;
}

function forgetSnapshot(): ForgetSnapshot {
  const f = useForget.getState();
  return structuredClone({
    rule: useExperimentStore.getState().experiment.forget,
    status: f.status,
    indices: Array.from(f.indices),
    classCounts: f.classCounts,
    problem: f.problem,
    mapReady: f.map != null,
    datamodels: f.datamodels?.estimator ?? null,
    preview: f.preview && { forgetSize: f.preview.forgetSize, ms: f.preview.ms, accuracy: f.preview.accuracy, focus: f.preview.focus },
  });
}

function sharedSnapshot(): SharedSnapshot {
  const x = useExperimentStore.getState();
  return structuredClone({ experiment: x.experiment, hidden: x.hidden, lesson: x.lesson, url: window.location.href });
}

export interface LabSnapshot {
  backendPreference: string;
  backendStatus: 'starting' | 'ready' | 'error';
  backend: BackendReport | null;
  datasetStatus: 'loading' | 'ready' | 'error';
  dataset: DatasetSummary | null;
  /** Bytes of train pixels the page holds (count × 3072 when loaded). */
  pixelBytes: number;
  grid: GridStats;
  runStatus: RunStatus;
  plannedEpochs: number;
  progress: Progress | null;
  history: EpochRecord[];
  messages: LabMessage[];
  workerGeneration: number;
}

/** The experiment run: status, latest progress, methods that arrived, and the results file once complete. */
export interface ExperimentSnapshot {
  status: ExperimentRunStatus;
  progress: ExperimentProgress | null;
  methods: MethodResult[];
  error: string | null;
}

export interface LabTestHandle {
  snapshot(): LabSnapshot;
  forget(): ForgetSnapshot;
  shared(): SharedSnapshot;
  experimentRun(): ExperimentSnapshot;
  /** The last complete (or worker-cancelled) results file, exactly as the engine returned it. */
  lastExperimentResults(): ExperimentResults | null;
  experiment(): Experiment;
  /**
   * Sets fields of the experiment description, as a share link would (validated; returns
   * the problem or null). The one write in the handle: the e2e tests use it for the forget
   * set, whose picker is tested on its own.
   */
  updateExperiment(change: Partial<Experiment>): string | null;
  backendReport(): BackendReport | null;
  lastResult(): ClassifierResult | null;
}

declare global {
  interface Window {
    __lab?: LabTestHandle;
  }
}

/** structuredClone keeps the handle from leaking live store objects to the caller. */
function snapshot(): LabSnapshot {
  const s = useLab.getState();
  return structuredClone({
    backendPreference: s.backendPreference,
    backendStatus: s.backend.status,
    backend: s.backend.report,
    datasetStatus: s.dataset.status,
    dataset: s.dataset.summary,
    pixelBytes: s.dataset.pixels?.byteLength ?? 0,
    grid: s.grid,
    runStatus: s.run.status,
    plannedEpochs: s.run.plannedEpochs,
    progress: s.run.progress,
    history: s.run.history,
    messages: s.messages,
    workerGeneration: s.workerGeneration,
  });
}

export function installLabHandle(): void {
  window.__lab = {
    snapshot,
    forget: forgetSnapshot,
    shared: sharedSnapshot,
    backendReport: () => structuredClone(useLab.getState().backend.report),
    lastResult: () => structuredClone(useLab.getState().run.result),
    experimentRun: () => {
      const r = useRunStore.getState();
      return structuredClone({ status: r.status, progress: r.progress, methods: r.methods, error: r.error });
    },
    lastExperimentResults: () => structuredClone(useRunStore.getState().results),
    experiment: () => structuredClone(useExperimentStore.getState().experiment),
    updateExperiment: (change) => useExperimentStore.getState().update(change),
  };
}
