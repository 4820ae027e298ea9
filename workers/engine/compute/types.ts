import type { ModelSpec } from '../models/spec';
import type { ModelWeights } from '../models/weights';
import type { InputMatrix } from '../native/native-ensemble';
import type { Checkpoint, PlanReport, TrainingPlan } from '../train/plan';
import type { ProgressFn } from '../train/progress';
import type { SharedBasisJob } from '../attribution/ekfac-shared-basis';

export type { InputMatrix };

/** The input matrices an experiment's models read: the train pool, the validation set, triggered images. */
export type InputSetName = 'train' | 'validation' | 'trigger';

/**
 * Inputs of every set, [rows × dim]. Pixels (cnn-s) are rows of 32·32·3 floats in NHWC
 * order with `imageShape` [32, 32, 3]; features have none.
 */
export interface ComputeInputs {
  sets: Partial<Record<InputSetName, InputMatrix>>;
  imageShape: [number, number, number] | null;
}

export interface RunOptions {
  stage?: string;
  onProgress?: ProgressFn;
  signal?: AbortSignal;
  /** In-thread compute only (a pool rejects it): see Checkpoint. */
  checkpoint?: Checkpoint;
}

/**
 * One model's full-pool K-FAC statistics (attribution/group-newton.ts), unnormalised sums
 * in float64: the last layer's input gram with the bias column, [(in+1)²] (null for the
 * linear model, whose inputs' gram is the fixed features' and shared by every model), the
 * loss gradients' gram at the logits [C²], and at the hidden pre-activations [h²] (mlp).
 */
export interface ModelCurvature {
  lastInputs: Float64Array | null;
  logitGradients: Float64Array;
  hiddenGradients: Float64Array | null;
}

/**
 * An ensemble of N models of one architecture, wherever its models live (this thread, or
 * spread over a pool of workers). Every result lists models in order, whatever the split.
 */
export interface Ensemble {
  readonly spec: ModelSpec;
  readonly size: number;
  readonly inputDim: number;
  readonly classes: number;
  /** Runs a training plan on every model, in place. */
  train(plan: TrainingPlan, options?: RunOptions): Promise<PlanReport>;
  /** Logits [N × rows × C] on rows of an input set (all rows when omitted). */
  predict(set: InputSetName, rows?: Int32Array): Promise<Float32Array>;
  /** Every model's weights, or only the first `count` models' (the embedding map reads model 0). */
  weights(count?: number): Promise<ModelWeights[]>;
  /** Every model's K-FAC statistics over the whole train pool with these labels (linear and mlp), in model order. */
  curvature(labels: Uint8Array): Promise<ModelCurvature[]>;
  clone(): Promise<Ensemble>;
  dispose(): void;
}

/** What trains and evaluates the ensembles of an experiment. */
export interface Compute {
  /** engine: native wasm kernels or tfjs; backend: the tfjs backend; threads: workers that compute. */
  readonly engine: 'native' | 'tfjs';
  readonly backend: string;
  readonly threads: number;
  /** Sets (replaces) the inputs every ensemble reads. */
  setInputs(inputs: ComputeInputs): Promise<void>;
  createEnsemble(spec: ModelSpec, inputDim: number, classes: number, seeds: number[]): Promise<Ensemble>;
  ensembleFromWeights(spec: ModelSpec, inputDim: number, classes: number, weights: ModelWeights[]): Promise<Ensemble>;
  /**
   * Group Newton's hidden-layer steps (attribution/ekfac-shared-basis.ts), the layers split
   * over the threads: each layer's step is computed alone, so the bits do not depend on the
   * split. Null where the threads have no native kernels (the caller falls back to tfjs).
   */
  sharedBasisSteps(job: SharedBasisJob): Promise<Float32Array[] | null>;
  /** Live shards and tensors in every thread (leak tests). */
  usage(): Promise<ComputeUsage>;
  dispose(): void;
}

export interface ComputeUsage {
  /** Per thread: ensemble shards alive and tfjs tensors allocated. */
  threads: { shards: number; tensors: number }[];
}
