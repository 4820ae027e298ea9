/**
 * The fields of `window.__lab` (src/testing/lab-handle.ts) the tests rely on, restated
 * here because the e2e project (tsconfig.node.json) cannot import page sources. Keep in
 * step with LabSnapshot there; a rename shows up as a failing e2e test, not silently.
 */
export interface EpochRecord {
  epoch: number;
  loss: number;
  trainAccuracy: number;
  validationAccuracy: number;
  seconds: number;
}

export interface Snapshot {
  backendPreference: string;
  backendStatus: 'starting' | 'ready' | 'error';
  backend: {
    active: string;
    requested: string;
    fallbacks: { backend: string; reason: string }[];
    adapterInfo?: string;
    isFallbackAdapter?: boolean;
    measured?: { backend: string; modelImagesPerSecond: number | null; note?: string }[];
  } | null;
  datasetStatus: 'loading' | 'ready' | 'error';
  dataset: { id: string; name: string; trainSize: number; validationSize: number; classNames: string[]; classCounts: number[]; hash: string } | null;
  pixelBytes: number;
  grid: { classFilter: number | null; shown: number; drawn: number };
  runStatus: 'idle' | 'running' | 'done' | 'cancelled' | 'error';
  plannedEpochs: number;
  progress: { stage: string; done: number; total: number; examplesPerSecond?: number; secondsLeft: number | null } | null;
  history: EpochRecord[];
  messages: { tone: 'error' | 'warning' | 'info'; title: string; text: string }[];
  workerGeneration: number;
}

export interface RunResult {
  backend: string;
  history: EpochRecord[];
  trainAccuracy: number;
  validationAccuracy: number;
  seconds: number;
  examplesPerSecond: number;
}

declare global {
  interface Window {
    __lab?: { snapshot(): Snapshot; backendReport(): Snapshot['backend']; lastResult(): RunResult | null };
  }
}
