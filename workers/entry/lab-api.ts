/**
 * The contract between the page and the lab worker: what each call takes and returns.
 *
 * Why a separate, type-only module: the page must never pull tfjs into its bundle, so it
 * imports only these types (and `import type` from the engine), while the worker
 * implements them. Everything here is plain structured-clone data; bulk bytes travel as
 * transferred ArrayBuffers, and failures come back as `Outcome` values because thrown
 * errors lose their fields (code, file) crossing postMessage.
 */
import type { BackendPreference, BackendReport, BackendLost } from '../engine/backend/select';
import type { DatasetSummary } from '../engine/data/dataset';
import type { ModelSpec } from '../engine/models/spec';
import type { ClassifierResult, EpochRecord } from '../engine/train/train-classifier';
import type { Progress } from '../engine/train/progress';
import type { TrainingOptions } from '../engine/train/train-ensemble';
import type { DatamodelsInfo, DatamodelsRequest, ForgetPreview, HeldDatamodels, ImportSummary, PoolMap, ResolvedForget } from './forget-api';

export type { DatamodelsInfo, DatamodelsRequest, ForgetPreview, HeldDatamodels, ImportSummary, PoolMap, ResolvedForget };

/** A resolved rule with the preview of that set (null without datamodels): one round trip. */
export type ResolvedWithPreview = ResolvedForget & { preview: ForgetPreview | null };
import type {
  ExperimentProgress, ExperimentProgressCallback, ExperimentResults, MethodResult, ResultsCallback, ResultsEvent,
} from './experiment-api';

export type { ExperimentProgress, ExperimentProgressCallback, ExperimentResults, MethodResult, ResultsCallback, ResultsEvent };

export type { BackendPreference, BackendReport, BackendLost, DatasetSummary, ModelSpec, ClassifierResult, EpochRecord, Progress, TrainingOptions };

/** Which dataset to load. Files stay Blobs: cloning a File is cheap, and the worker reads it. */
export type DatasetChoice =
  | { kind: 'synthetic'; seed: number; trainSize: number; validationSize: number }
  | { kind: 'prepared'; id: string; name: string; baseUrl: string }
  | { kind: 'files'; files: File[] };

export interface LoadDatasetOptions {
  /** Send the training images back (the grid needs them); false when only re-creating worker state. */
  withPixels: boolean;
}

export interface LoadedDataset {
  summary: DatasetSummary;
  /** Train images, count × 3072 bytes, channel-planar (CIFAR layout); transferred, not cloned. */
  pixels: ArrayBuffer | null;
  /** Train labels, count bytes; transferred with the pixels. */
  labels: ArrayBuffer | null;
}

export interface TrainRequest {
  spec: ModelSpec;
  training: TrainingOptions;
  seed: number;
}

/**
 * What can go wrong, by who can act on it: `dataset` (a file or source is bad: pick
 * another), `backend` (no backend initialised), `bad-request` (the page sent something
 * out of bounds), `no-dataset` (train before load), `cancelled` and `crashed` (made by
 * the client when it terminates or loses the worker), `backend-lost` (the GPU went
 * away mid-run), `internal` (a bug).
 */
export type WorkerErrorKind =
  | 'dataset'
  | 'backend'
  | 'bad-request'
  | 'no-dataset'
  | 'cancelled'
  | 'crashed'
  | 'backend-lost'
  | 'internal';

export interface WorkerError {
  kind: WorkerErrorKind;
  message: string;
  /** DatasetError code (e.g. 'truncated-record'), when kind is 'dataset'. */
  code?: string;
  /** The file the problem is in, when kind is 'dataset'. */
  file?: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: WorkerError };

export type ProgressCallback = (p: Progress) => void;
export type EpochCallback = (r: EpochRecord) => void;
export type BackendLostCallback = (e: BackendLost) => void;

/** What `lab.worker.ts` exposes through Comlink. Callbacks arrive as Comlink proxies. */
export interface LabWorkerApi {
  init(preference: BackendPreference): Promise<Outcome<BackendReport>>;
  loadDataset(choice: DatasetChoice, options: LoadDatasetOptions): Promise<Outcome<LoadedDataset>>;
  train(request: TrainRequest, onProgress: ProgressCallback, onEpoch: EpochCallback): Promise<Outcome<ClassifierResult>>;
  /**
   * Runs a whole experiment (the engine's schema) on the loaded dataset, streaming
   * throttled progress, then the references and each method's result as they land; the results file at the end.
   */
  runExperiment(experiment: unknown, onProgress: ExperimentProgressCallback, onResults: ResultsCallback): Promise<Outcome<ExperimentResults>>;
  /** Forget-set picker (forget-api.ts): a rule → the exact pool indices a run would forget. */
  resolveForget(rule: unknown, seed: number): Promise<Outcome<ResolvedWithPreview>>;
  /** 2-D PCA map of the train pool's fixed features. */
  poolMap(): Promise<Outcome<PoolMap>>;
  /** The latest datamodels the instant preview can use, or null. */
  datamodelsInfo(): Promise<Outcome<DatamodelsInfo | null>>;
  /** Instant preview of forgetting `indices`, every pool image's margin included (null without datamodels). */
  previewForget(indices: Int32Array): Promise<Outcome<ForgetPreview | null>>;
  /** Hands over (and drops) the datamodels this worker holds, once saved: the run lane → the interactive lane. */
  releaseDatamodels(): Promise<Outcome<HeldDatamodels | null>>;
  /** Takes over datamodels released by another worker; returns what the preview now reads. */
  adoptDatamodels(held: HeldDatamodels): Promise<Outcome<DatamodelsInfo | null>>;
  /** Trains a few originals and computes TRAK (last-layer) datamodels for the preview. */
  computeDatamodels(request: DatamodelsRequest, onProgress: ProgressCallback): Promise<Outcome<DatamodelsInfo>>;
  /** Imports datamodels computed elsewhere from `.npy` files (β, optional intercepts/margins) for the preview. */
  importDatamodels(files: { name: string; bytes: ArrayBuffer }[]): Promise<Outcome<ImportSummary>>;
  /** Registers the one listener for a lost GPU device; replaces any earlier one. */
  watchBackendLoss(onLost: BackendLostCallback): void;
}
