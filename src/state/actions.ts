/**
 * What the controls do: each action updates the store, asks the worker through the
 * client, and records the outcome (value or typed error). Components call these and
 * read the store; they never touch the worker.
 */
import type { BackendPreference, DatasetChoice, EpochRecord, Progress } from '../../workers/entry/lab-api';
import type { DatasetIndexEntry } from '../../workers/engine/data/prepared-manifest';
import { interactiveClient, labClient } from './client-instance';
import { reportError } from './messages';
import { loadPreparedList, preparedBaseUrl } from './prepared-list';
import { plural } from '../../workers/engine/util/plural';
import { busyNow } from './busy';
import { readInterrupted, journalEnd } from './run-journal';
import { startExperiment } from './run-store';
import { settleDatasetRequirement } from './dataset-requirement';
import { useExperimentStore } from './experiment-store';
import { SYNTHETIC_SEED } from './settings';
import { clearMessages, initialRun, patchRun, pushMessage, useLab, type DatasetSourceKey } from './store';
import { readUrlState, writeUrlState } from './url';

/** Reads the link, then loads the default dataset and starts the backend (dataset first: the grid is what people look at). */
export function startLab(search = window.location.search): void {
  const { state, problems } = readUrlState(search);
  useLab.setState({ backendPreference: state.backend });
  for (const text of problems) pushMessage({ topic: 'setup', tone: 'warning', title: 'Link parameter ignored', text });
  reportInterruptedRun();
  void chooseSynthetic(useLab.getState().syntheticSize);
  void startBackend(state.backend);
  void loadPreparedList().then((prepared) => useLab.setState({ prepared }));
}

/** A run the last visit did not finish (the page was reloaded or closed mid-run): say so, offer it again. */
function reportInterruptedRun(): void {
  const run = readInterrupted();
  if (!run) return;
  journalEnd();
  const at = new Date(run.startedAt).toLocaleTimeString('en', { hour: '2-digit', minute: '2-digit' });
  const done = run.finished.length ? ` after ${plural(run.finished.length, 'method')} (${run.finished.join(', ')})` : ' before any method finished';
  pushMessage({
    topic: 'setup',
    tone: 'warning',
    title: 'The last run was interrupted',
    text: `"${run.experiment.name}", started at ${at}, stopped when the page was reloaded${done}. Its results were not kept.`,
    action: {
      label: 'Run it again',
      run: () => {
        useExperimentStore.getState().setExperiment(run.experiment);
        void whenDatasetReady().then(() => startExperiment());
      },
    },
  });
}

/** Resolves once a dataset is loaded (at once if one is). */
function whenDatasetReady(): Promise<void> {
  return new Promise((resolve) => {
    if (useLab.getState().dataset.status === 'ready') return resolve();
    const stop = useLab.subscribe((s) => {
      if (s.dataset.status === 'ready') {
        stop();
        resolve();
      }
    });
  });
}

async function startBackend(preference: BackendPreference): Promise<void> {
  useLab.setState((s) => ({ backend: { status: 'starting', report: s.backend.report } }));
  const out = await labClient().init(preference);
  if (out.ok) clearMessages('backend');
  else if (out.error.kind !== 'cancelled') {
    useLab.setState({ backend: { status: 'error', report: null } });
    reportError(out.error);
    // The interactive lane waits for the run lane's backend: let it try on its own rather than wait forever.
    interactiveClient().followBackend(preference);
  }
}

export function setBackendPreference(preference: BackendPreference): void {
  if (busyNow()) return;
  useLab.setState({ backendPreference: preference });
  writeUrlState({ backend: preference });
  void startBackend(preference);
}

async function loadDataset(choice: DatasetChoice, source: DatasetSourceKey, label: string): Promise<boolean> {
  // A running experiment or training run holds the dataset (the picker is disabled too; this covers a file drop).
  if (busyNow()) return false;
  const before = useLab.getState().dataset;
  // Keep showing the old images while the new ones load: no blank flash, no layout jump.
  useLab.setState({ dataset: { ...before, status: 'loading', label, source } });
  const out = await labClient().loadDataset(choice);
  if (!out.ok) {
    useLab.setState({ dataset: { ...before, status: before.summary ? 'ready' : 'error' } });
    if (out.error.kind !== 'cancelled') reportError(out.error);
    return false;
  }
  clearMessages('dataset');
  // The interactive lane loads it too (without pixels) before the picker's first call.
  interactiveClient().useDataset(choice);
  const { summary, pixels, labels } = out.value;
  useLab.setState((s) => ({
    dataset: {
      status: 'ready',
      label: summary.name,
      source,
      summary,
      pixels: pixels ? new Uint8Array(pixels) : null,
      labels: labels ? new Uint8Array(labels) : null,
    },
    run: initialRun,
    grid: { ...s.grid, classFilter: null },
  }));
  settleDatasetRequirement(SYNTHETIC_SEED);
  return true;
}

export function chooseSynthetic(trainSize: number): Promise<boolean> {
  useLab.setState({ syntheticSize: trainSize });
  const validationSize = Math.round(trainSize / 5);
  const choice: DatasetChoice = { kind: 'synthetic', seed: SYNTHETIC_SEED, trainSize, validationSize };
  return loadDataset(choice, 'synthetic', `Synthetic shapes, ${trainSize.toLocaleString('en')} images`);
}

export function choosePrepared(entry: DatasetIndexEntry): Promise<boolean> {
  const choice: DatasetChoice = { kind: 'prepared', id: entry.id, name: entry.name, baseUrl: preparedBaseUrl(entry) };
  return loadDataset(choice, `prepared:${entry.id}`, entry.name);
}

export function loadFiles(files: File[]): Promise<boolean> {
  if (files.length === 0) return Promise.resolve(false);
  const names = files.map((f) => f.name).join(', ');
  return loadDataset({ kind: 'files', files }, 'files', `CIFAR-10 from ${names}`);
}

/** Identifies the current run, so late messages from a cancelled one are ignored. */
let runToken = 0;

export async function train(): Promise<void> {
  const { dataset } = useLab.getState();
  if (busyNow() || dataset.status !== 'ready') return;
  // The quick check trains exactly the experiment's model: the settings panel edits one description.
  const { model, training, seed } = useExperimentStore.getState().experiment;
  const token = ++runToken;
  clearMessages('run');
  clearMessages('worker');
  useLab.setState({ run: { ...initialRun, status: 'running', plannedEpochs: training.epochs } });
  const onProgress = (progress: Progress) => {
    if (token === runToken) patchRun({ progress });
  };
  const onEpoch = (record: EpochRecord) => {
    if (token === runToken && useLab.getState().run.status === 'running') useLab.setState((s) => ({ run: { ...s.run, history: [...s.run.history, record] } }));
  };
  const out = await labClient().train({ spec: model, training, seed }, onProgress, onEpoch);
  if (token !== runToken) return;
  // The result's own history is complete; the live epoch messages use their own channel and
  // the last one can land after the result, so the finished run takes the result's.
  if (out.ok) patchRun({ status: 'done', result: out.value, history: out.value.history });
  else if (out.error.kind === 'cancelled') patchRun({ status: 'cancelled' });
  else {
    patchRun({ status: 'error' });
    reportError(out.error);
  }
}

/** Stops the run by terminating the worker, then restarts a fresh one in the background. */
export function cancelTraining(): void {
  if (useLab.getState().run.status !== 'running') return;
  runToken++;
  labClient().cancel();
  patchRun({ status: 'cancelled' });
  useLab.setState((s) => ({ backend: { status: 'starting', report: s.backend.report } }));
  void labClient()
    .warmUp()
    .then((out) => {
      if (!out.ok && out.error.kind !== 'cancelled') reportError(out.error);
    });
}
