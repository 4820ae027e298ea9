/**
 * What the controls do: each action updates the store, asks the worker through the
 * client, and records the outcome (value or typed error). Components call these and
 * read the store; they never touch the worker.
 */
import type { BackendPreference, DatasetChoice, EpochRecord, Progress } from '../../workers/entry/lab-api';
import type { DatasetIndexEntry } from '../../workers/engine/data/prepared-manifest';
import { labClient } from './client-instance';
import { reportError } from './messages';
import { loadPreparedList, preparedBaseUrl } from './prepared-list';
import { MODEL_DEFAULTS, SYNTHETIC_SEED, updateSettings, type Settings } from './settings';
import { clearMessages, initialRun, patchRun, pushMessage, useLab, type DatasetSourceKey } from './store';
import { readUrlState, writeUrlState } from './url';

/** Reads the link, then loads the default dataset and starts the backend (dataset first: the grid is what people look at). */
export function startLab(search = window.location.search): void {
  const { state, problems } = readUrlState(search);
  useLab.setState({ backendPreference: state.backend });
  for (const text of problems) pushMessage({ topic: 'setup', tone: 'warning', title: 'Link parameter ignored', text });
  void chooseSynthetic(useLab.getState().syntheticSize);
  void startBackend(state.backend);
  void loadPreparedList().then((prepared) => useLab.setState({ prepared }));
}

async function startBackend(preference: BackendPreference): Promise<void> {
  useLab.setState((s) => ({ backend: { status: 'starting', report: s.backend.report } }));
  const out = await labClient().init(preference);
  if (out.ok) clearMessages('backend');
  else if (out.error.kind !== 'cancelled') {
    useLab.setState({ backend: { status: 'error', report: null } });
    reportError(out.error);
  }
}

export function setBackendPreference(preference: BackendPreference): void {
  if (useLab.getState().run.status === 'running') return;
  useLab.setState({ backendPreference: preference });
  writeUrlState({ backend: preference });
  void startBackend(preference);
}

async function loadDataset(choice: DatasetChoice, source: DatasetSourceKey, label: string): Promise<boolean> {
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
    run: { ...initialRun, plannedEpochs: s.settings.epochs },
    grid: { ...s.grid, classFilter: null },
  }));
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

/** A new model starts from its recommended epochs, learning rate and batch size. */
export function chooseModel(kind: Settings['kind']): void {
  if (kind !== useLab.getState().settings.kind) editSettings({ kind, ...MODEL_DEFAULTS[kind] });
}

export function editSettings(patch: Partial<Settings>): void {
  useLab.setState((s) => {
    const settings = updateSettings(s.settings, patch);
    const run = s.run.status === 'running' ? s.run : { ...s.run, plannedEpochs: Math.max(settings.epochs, s.run.history.length) };
    return { settings, run };
  });
}

/** Identifies the current run, so late messages from a cancelled one are ignored. */
let runToken = 0;

export async function train(): Promise<void> {
  const { run, dataset, settings } = useLab.getState();
  if (run.status === 'running' || dataset.status !== 'ready') return;
  const token = ++runToken;
  clearMessages('run');
  clearMessages('worker');
  useLab.setState({ run: { ...initialRun, status: 'running', plannedEpochs: settings.epochs } });
  const onProgress = (progress: Progress) => {
    if (token === runToken) patchRun({ progress });
  };
  const onEpoch = (record: EpochRecord) => {
    if (token === runToken) useLab.setState((s) => ({ run: { ...s.run, history: [...s.run.history, record] } }));
  };
  const { kind, hidden, epochs, batchSize, learningRate, schedule, seed } = settings;
  const out = await labClient().train(
    { spec: { kind, hidden }, training: { epochs, batchSize, learningRate, schedule }, seed },
    onProgress,
    onEpoch,
  );
  if (token !== runToken) return;
  if (out.ok) patchRun({ status: 'done', result: out.value });
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
