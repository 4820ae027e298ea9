/**
 * `window.__lab`: a small, read-only view of the lab for end-to-end tests, so they can
 * assert on numbers (backend, dataset sizes, accuracies) instead of on pixels. Plain
 * JSON only; apart from updateExperiment it exposes no actions, so tests drive the page
 * as a user does. Its type, LabTestHandle, is in ./lab-snapshot.ts (no imports), which the
 * e2e tests import too.
 */
import type { Experiment } from '../../workers/engine/experiment/schema';
import { useExperimentStore } from '../state/experiment-store';
import { useRunStore } from '../state/run-store';
import { useLab } from '../state/store';
import { useForget } from '../components/Forget/forget-store';
import type { ForgetSnapshot, LabSnapshot, SharedSnapshot } from './lab-snapshot';

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
    interactiveGeneration: s.interactiveGeneration,
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
    experimentStatus: () => {
      const r = useRunStore.getState();
      return { status: r.status, stage: r.progress?.stage ?? null, methods: r.methods.length };
    },
    lastExperimentResults: () => structuredClone(useRunStore.getState().results),
    experiment: () => structuredClone(useExperimentStore.getState().experiment),
    updateExperiment: (change) => useExperimentStore.getState().update(change as Partial<Experiment>),
  };
}
