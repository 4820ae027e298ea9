/**
 * The shape of `window.__lab`, the page's read-only test handle, as type declarations
 * both TypeScript projects include: the page's (tsconfig.app.json), where
 * src/testing/lab-handle.ts implements it, and the e2e tests' (tsconfig.node.json), which
 * read the page through it. It imports types only from the engine (both projects include
 * workers/engine), never from the page, so e2e code pulls in no React. Where the page's own types are
 * larger (backend report, results file, experiment description) this states the part the
 * handle promises; lab-handle.ts assigns the page's values to these types, so a field
 * renamed or retyped in the page fails `tsc -b` instead of an e2e run.
 */

import type { DatasetSummary } from '../../workers/engine/data/dataset';
import type { Progress } from '../../workers/engine/train/progress';
import type { EpochRecord } from '../../workers/engine/train/train-classifier';

export type Group = 'forget' | 'retain' | 'validation';
export type ByGroup<T> = { [G in Group]: T };

export type { DatasetSummary, EpochRecord, Progress };

/** The backend in use, what was tried before it and why, and (for 'auto') what was measured. */
export interface BackendReport {
  active: string;
  requested: string;
  fallbacks: { backend: string; reason: string }[];
  adapterInfo?: string;
  isFallbackAdapter?: boolean;
  measured?: { backend: string; modelImagesPerSecond: number | null; note?: string }[];
}

export interface GridStats {
  classFilter: number | null;
  shown: number;
  drawn: number;
}

export interface LabMessage {
  tone: 'error' | 'warning' | 'info';
  title: string;
  text: string;
}

export type RunStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

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
  /** Run-lane workers started so far (a cancel or crash starts another). */
  workerGeneration: number;
  /** The interactive lane's (forget rules, instant preview) workers started so far. */
  interactiveGeneration: number;
}

/** The quick-check training run's result. */
export interface ClassifierResult {
  spec: { kind: string };
  backend: string;
  /** 'native' (the wasm kernels) or 'tfjs'. */
  engine: string;
  history: EpochRecord[];
  trainAccuracy: number;
  validationAccuracy: number;
  seconds: number;
  examplesPerSecond: number;
}

/** A forget rule of the experiment description (`indices`, `random`, `class`, …) and its fields. */
export interface ForgetRule {
  kind: string;
  [field: string]: unknown;
}

/** The experiment description (validated by the page's schema); the fields tests read by name. */
export interface ExperimentDescription {
  forget: ForgetRule;
  [field: string]: unknown;
}

/** The forget-set picker: the rule, the indices the worker resolved it to, the preview. */
export interface ForgetSnapshot {
  rule: ForgetRule;
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
  experiment: ExperimentDescription;
  hidden: string[];
  lesson: { id: string; step: number } | null;
  url: string;
}

export interface KlomGroup {
  perPoint: number[];
  summary: { mean: number; median: number; p95: number };
}

/** One method's entry in the results file. */
export interface MethodResult {
  id: string;
  label: string;
  status: 'ok' | 'diverged' | 'failed';
  error?: string;
  outputs: { accuracy: ByGroup<number[]> } | null;
  evaluation: {
    klom: ByGroup<KlomGroup>;
    ulira: { status: string; auc?: number };
    populationMia: { meanAccuracy: number | null };
    neurips: { finalScore: number | null; forgetQuality: number };
  } | null;
}

/** The results file (`unlearning-lab/results`), as the engine returned it. */
export interface ExperimentResults {
  status: 'complete' | 'cancelled' | 'crashed';
  backend: string;
  experiment: ExperimentDescription;
  points: ByGroup<number[]>;
  methods: MethodResult[];
}

export interface ExperimentProgress extends Progress {
  stageIndex: number;
  stageCount: number;
}

/** The experiment run: status, latest progress, methods that arrived. */
export interface ExperimentSnapshot {
  status: 'idle' | 'running' | 'done' | 'cancelled' | 'error';
  progress: ExperimentProgress | null;
  methods: MethodResult[];
  error: string | null;
}

export interface LabTestHandle {
  snapshot(): LabSnapshot;
  forget(): ForgetSnapshot;
  shared(): SharedSnapshot;
  experimentRun(): ExperimentSnapshot;
  /** The run's status, stage and method count only: cheap enough to poll while a run trains (experimentRun clones every result). */
  experimentStatus(): { status: ExperimentSnapshot['status']; stage: string | null; methods: number };
  /** The last complete (or worker-cancelled) results file, exactly as the engine returned it. */
  lastExperimentResults(): ExperimentResults | null;
  experiment(): ExperimentDescription;
  /**
   * Sets fields of the experiment description, as a share link would (validated; returns
   * the problem or null). The one write in the handle: the e2e tests use it for the forget
   * set, whose picker is tested on its own.
   */
  updateExperiment(change: Record<string, unknown>): string | null;
  backendReport(): BackendReport | null;
  lastResult(): ClassifierResult | null;
}

declare global {
  interface Window {
    __lab?: LabTestHandle;
  }
}
