/**
 * The page's state in one zustand store: what the user chose (dataset, backend
 * preference; the model and its training are the experiment's, experiment-store.ts), what the worker reported (backend, dataset,
 * progress, history, result) and the messages to show. Plain setters only; the
 * workflows that talk to the worker live in actions.ts.
 */
import { create } from 'zustand';
import type { DatasetIndexEntry } from '../../workers/engine/data/prepared-manifest';
import type {
  BackendPreference, BackendReport, ClassifierResult, DatasetSummary, EpochRecord, Progress,
} from '../../workers/entry/lab-api';
import { SYNTHETIC_SIZES } from './settings';

/** Which dataset the picker shows as chosen. */
export type DatasetSourceKey = 'synthetic' | `prepared:${string}` | 'files';

/** What a message is about; a later success on the same topic clears it ('setup' stays until dismissed). */
export type MessageTopic = 'setup' | 'backend' | 'dataset' | 'run' | 'worker';

export interface LabMessage {
  id: number;
  topic: MessageTopic;
  tone: 'error' | 'warning' | 'info';
  title: string;
  text: string;
  /** One thing the reader can do about it right here (e.g. "Run it again"). */
  action?: { label: string; run(): void };
}

export interface BackendState {
  status: 'starting' | 'ready' | 'error';
  report: BackendReport | null;
}

export interface DatasetState {
  status: 'loading' | 'ready' | 'error';
  /** What is loading or loaded, in words ("Synthetic shapes, 5,000 images"). */
  label: string;
  source: DatasetSourceKey;
  summary: DatasetSummary | null;
  /** Train images, count × 3072 planar bytes, for the grid. */
  pixels: Uint8Array | null;
  labels: Uint8Array | null;
}

export type RunStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

export interface RunState {
  status: RunStatus;
  /** Epochs asked for, so the chart's axis is fixed before the first point arrives. */
  plannedEpochs: number;
  progress: Progress | null;
  history: EpochRecord[];
  result: ClassifierResult | null;
}

export interface GridStats {
  classFilter: number | null;
  /** Images that pass the filter. */
  shown: number;
  /** Images drawn in the last frame. */
  drawn: number;
}

export interface LabState {
  backendPreference: BackendPreference;
  backend: BackendState;
  syntheticSize: number;
  prepared: DatasetIndexEntry[];
  dataset: DatasetState;
  run: RunState;
  grid: GridStats;
  messages: LabMessage[];
  /** How many run-lane workers have been started (a cancel or crash starts another). */
  workerGeneration: number;
  /** The same for the interactive lane's worker (forget rules and the instant preview). */
  interactiveGeneration: number;
}

export const initialRun: RunState = { status: 'idle', plannedEpochs: 0, progress: null, history: [], result: null };

export const useLab = create<LabState>()(() => ({
  backendPreference: 'auto',
  backend: { status: 'starting', report: null },
  syntheticSize: SYNTHETIC_SIZES[2],
  prepared: [],
  dataset: { status: 'loading', label: 'Synthetic shapes', source: 'synthetic', summary: null, pixels: null, labels: null },
  run: initialRun,
  grid: { classFilter: null, shown: 0, drawn: 0 },
  messages: [],
  workerGeneration: 0,
  interactiveGeneration: 0,
}));

let nextMessageId = 1;

/** Shows a message; an identical one already showing is not repeated. */
export function pushMessage(m: Omit<LabMessage, 'id'>): void {
  useLab.setState((s) =>
    s.messages.some((x) => x.title === m.title && x.text === m.text)
      ? s
      : { messages: [...s.messages, { ...m, id: nextMessageId++ }] },
  );
}

/** Removes the messages about `topic` (e.g. an old file error once a dataset loads). */
export function clearMessages(topic: MessageTopic): void {
  useLab.setState((s) => (s.messages.some((m) => m.topic === topic) ? { messages: s.messages.filter((m) => m.topic !== topic) } : s));
}

export function dismissMessage(id: number): void {
  useLab.setState((s) => ({ messages: s.messages.filter((m) => m.id !== id) }));
}

export function patchRun(patch: Partial<RunState>): void {
  useLab.setState((s) => ({ run: { ...s.run, ...patch } }));
}

export function patchGrid(patch: Partial<GridStats>): void {
  useLab.setState((s) => {
    const g = s.grid;
    if (Object.entries(patch).every(([k, v]) => g[k as keyof GridStats] === v)) return s;
    return { grid: { ...g, ...patch } };
  });
}
