import type { z } from 'zod';
import type { Compute, Ensemble, InputMatrix } from '../compute/types';
import type { OriginalsCurvature } from '../experiment/originals-curvature';
import type { ProgressFn } from '../train/progress';

/** Identifiers of every unlearning method, in the order the page lists them. */
export const METHOD_IDS = ['retrain', 'none', 'ft', 'ga', 'gd', 'rl', 'scrub', 'om', 'dmm', 'dm-direct', 'iu', 'ssd', 'salun', 'l1-sparse', 'noisy'] as const;
export type MethodId = (typeof METHOD_IDS)[number];

/**
 * What the page and the engine share about a method (Squoosh-style `shared` part):
 * no tfjs here, so the page can import it to build the method's panel.
 */
export interface MethodMeta<P extends z.ZodTypeAny = z.ZodTypeAny> {
  id: MethodId;
  label: string;
  /** One plain-language sentence for the page. */
  explanation: string;
  /** Hyperparameters with bounds and defaults; `.parse({})` gives the defaults. */
  params: P;
  /** Per-parameter one-line help for the panel. */
  paramHelp: Record<string, string>;
  /** Needs oracle models (OM) or datamodels (DMM, DM-direct) as input. */
  needs: ('oracles' | 'datamodels')[];
}

/**
 * Everything a method may read. `originals` is a private clone: a method may train it
 * in place (its plans read the train pool's inputs, which the compute holds) and return
 * it. Ownership passes with it: through RUN_METHODS / runMethod (./run-registry.ts) it
 * comes back as `output.ensemble` or is disposed there (also on error), so the caller
 * never disposes `ctx.originals` itself. Rows index the train pool; labels are the
 * TRAINING labels (after any mislabeled/backdoor injection), what the original saw.
 */
export interface MethodContext<P> {
  params: P;
  originals: Ensemble;
  labels: Uint8Array;
  classes: number;
  forget: Int32Array;
  retain: Int32Array;
  /** Base seed for this method's randomness (data order, random labels, retain sampling). */
  seed: number;
  /**
   * Retrain's ensemble: models trained from scratch on R exactly as the oracles were, and
   * the seconds that training took. The experiment hands over (a copy of) the second
   * oracle ensemble it trained for the noise floor, which is exactly that, rather than
   * training a third one; without a noise floor it trains one.
   */
  retrain: (stage: string) => Promise<{ ensemble: Ensemble; seconds: number; reused: boolean }>;
  /** How the oracles were trained: lets Retrain report its gradient steps and examples. */
  retrainSchedule?: { epochs: number; batchSize: number };
  /** Mean oracle logits [rows × C] on the given pool rows (Oracle matching only). */
  oracleLogits?: (rows: Int32Array) => Promise<Float32Array>;
  /**
   * Predicted oracle logits per original model [N × rows × C] on the given rows of the
   * train pool or the validation set: z_orig(x) − Σ_{i∈F} β_i(x) (DMM and DM-direct;
   * from the attribution stage).
   */
  predictedOracleLogits?: (set: 'train' | 'validation', rows: Int32Array) => Promise<Float32Array>;
  /** The predicted oracles as models, when the estimator makes them (group Newton); owned by the caller. */
  predictedOracleModels?: Ensemble;
  /** The originals' K-FAC curvature over the pool, computed once per run and shared (IU). */
  curvature?: () => Promise<OriginalsCurvature>;
  /** The train pool's model inputs [pool × dim] (methods that work on the weights: IU, SSD). */
  trainInputs?: InputMatrix;
  /** An ensemble with these weights, on the experiment's compute; the method owns it. */
  ensembleFromWeights?: (weights: Parameters<Compute['ensembleFromWeights']>[3]) => Promise<Ensemble>;
  onProgress?: ProgressFn;
  signal?: AbortSignal;
}

/** The cost a method reports (algorithms.md, "Unlearning methods"). */
export interface MethodCost {
  seconds: number;
  /** Gradient steps taken (one step updates all N models together). */
  steps: number;
  /** Examples touched, summed over models. */
  examples: number;
}

export interface MethodOutput {
  /** The unlearned ensemble (null for DM-direct, which only predicts). */
  ensemble: Ensemble | null;
  /**
   * For methods without a model (DM-direct): logits [N × rows × C] for pool rows or
   * validation rows. Absent when `ensemble` is set.
   */
  predict?: (set: 'train' | 'validation', rows: Int32Array) => Promise<Float32Array>;
  cost: MethodCost;
  /** Loss became NaN/Inf or ran away: results are flagged, not trusted. */
  diverged: boolean;
  /** Anything the user should know (e.g. "stopped at step 40: loss exploded"). */
  notes: string[];
}

export interface UnlearningMethod<P extends z.ZodTypeAny = z.ZodTypeAny> {
  meta: MethodMeta<P>;
  run: (ctx: MethodContext<z.infer<P>>) => Promise<MethodOutput>;
}
