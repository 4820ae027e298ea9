/**
 * `window.__lab`: a small, read-only view of the lab for end-to-end tests, so they can
 * assert on numbers (backend, dataset sizes, accuracies) instead of on pixels. Plain
 * JSON only; it exposes no actions, so tests drive the page as a user does.
 */
import type { BackendReport, ClassifierResult, DatasetSummary, EpochRecord, Progress } from '../../workers/entry/lab-api';
import { useLab, type GridStats, type LabMessage, type RunStatus } from '../state/store';

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

export interface LabTestHandle {
  snapshot(): LabSnapshot;
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
    backendReport: () => structuredClone(useLab.getState().backend.report),
    lastResult: () => structuredClone(useLab.getState().run.result),
  };
}
