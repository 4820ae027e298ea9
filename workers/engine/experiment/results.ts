import type { Embedding } from './embedding';
import type { DatasetSummary } from '../data/dataset';
import type { ByGroup, KlomGroup, MethodEvaluation } from '../metrics';
import type { MethodCost, MethodId } from '../methods/types';
import type { GroupRemovalScore } from './group-removal';
import type { Experiment } from './schema';

/**
 * The results file: what `npm run lab -- run` writes and the page exports. Holds the raw
 * per-model margins on every evaluated point with point ids and groups, so anyone can
 * recompute every metric independently. Plain JSON (numbers, arrays, strings, null).
 */
export const RESULTS_FORMAT = 'unlearning-lab/results';
export const RESULTS_VERSION = 1;

/** One ensemble's outputs on the evaluated points. */
export interface EnsembleOutputs {
  /** Accuracy (argmax) of each model, per group. */
  accuracy: ByGroup<number[]>;
  /** Margins, [model][point] per group, points in `points` order. */
  margins: ByGroup<number[][]>;
  /** Backdoor scenario: fraction of triggered validation images classified as the target, per model. */
  attackSuccess?: number[];
  /** Mislabeled/backdoor: accuracy on the forget points against their TRUE labels, per model. */
  forgetTrueLabelAccuracy?: number[];
  /**
   * Per group, [label][predicted class] counts averaged over the models (argmax; labels as
   * in `labels`): class-wise accuracy and the confusion matrix. Absent in older files.
   */
  confusion?: ByGroup<number[][]>;
  /** Model 0's penultimate activations on F and a retain sample, in 2-D (embedding.ts). Absent for cnn-s and in older files. */
  embedding?: Embedding;
}

export type MethodStatus = 'ok' | 'diverged' | 'failed';

export interface MethodResult {
  id: MethodId;
  label: string;
  params: Record<string, unknown>;
  status: MethodStatus;
  /** Why it failed (bad hyperparameters, missing datamodels, …). */
  error?: string;
  notes: string[];
  cost: MethodCost & { /** seconds / Retrain's seconds (the oracle ensemble's training time). */ relativeToRetrain: number };
  outputs: EnsembleOutputs | null;
  evaluation: MethodEvaluation | null;
  /** DMM / DM-direct: how well the attribution predicted this forget set's removal. */
  attributionCheck?: AttributionCheck;
}

export interface AttributionCheck {
  estimator: string;
  /** Correlation of predicted and actual margin changes on removing this forget set (group-removal.ts). */
  groupRemoval: GroupRemovalScore;
  /** Mean accuracy of the predicted oracles, per group (DM-direct's "predicted forget accuracy"). */
  predictedAccuracy: ByGroup<number>;
}

export interface AttributionSummary {
  estimator: string;
  seconds: number;
  modelsTrained: number;
  /** Linear datamodeling score, when measured. */
  lds?: number;
  fromCache: boolean;
  /** Group Newton's step scale as measured on the ensemble (attribution/step-calibration.ts). */
  stepScale?: { scale: number; gap: number; predicted: number };
}

export interface ExperimentResults {
  format: typeof RESULTS_FORMAT;
  formatVersion: typeof RESULTS_VERSION;
  /** 'cancelled' and 'crashed' (a compute worker died) keep the methods that finished. */
  status: 'complete' | 'cancelled' | 'crashed';
  experiment: Experiment;
  dataset: DatasetSummary;
  /** The tfjs backend of the run's thread. */
  backend: string;
  /** What trained the models: 'native-wasm-fma' or 'native-wasm' (the engine's wasm kernels, with or without fused multiply-add) or 'tfjs-<backend>'. */
  engine: string;
  /** Workers that trained the models (results are the same bits for any number). */
  threads: number;
  createdAt: string;
  /** Train-pool indices (forget, retain) and validation indices of the evaluated points. */
  points: ByGroup<number[]>;
  /** Labels the margins are computed against (training labels for pool points). */
  labels: ByGroup<number[]>;
  forgetSetSize: number;
  /** True labels of the forget points (differ from `labels.forget` for injected points). */
  trueForgetLabels: number[];
  reference: {
    originals: EnsembleOutputs;
    oracles: EnsembleOutputs;
    secondOracles: EnsembleOutputs | null;
    /** KLoM of the second oracle ensemble against the first: what "indistinguishable" scores at this N. */
    noiseFloor: ByGroup<KlomGroup> | null;
  };
  /** Seconds to train one ensemble of N oracles on R: the cost of Retrain. */
  retrainSeconds: number;
  /** One entry per attribution estimator the methods used. */
  attribution: AttributionSummary[];
  methods: MethodResult[];
  /** Wall time per stage, seconds. */
  timings: Record<string, number>;
  warnings: string[];
}
