import { z } from 'zod';
import type { ModelKind } from '../models/spec';
import type { EstimatorId } from './types';

/**
 * What the page and the engine share about attribution estimators: labels, one-line
 * explanations and hyperparameter schemas with their defaults. No tfjs here, so the page
 * can import it to build the estimator picker.
 */
export const ESTIMATOR_INFO: Record<EstimatorId, { label: string; explanation: string }> = {
  'group-newton': {
    label: 'Group Newton (EK-FAC, retain curvature)',
    explanation:
      'Predicts each model retrained without the forget set by one Newton step on the curvature of the data that remains (EK-FAC: its eigenvalues fitted to the per-example gradients), so a coherent group (a sub-population, a backdoor) counts as a group: its effect is not the sum of its points’ effects. The step is shortened to what 15 epochs of training move, not the optimum.',
  },
  regression: {
    label: 'Regression datamodels (ridge)',
    explanation:
      'Trains M models on random halves of the data and fits, by ridge regression, how each training point’s presence moves every output (its effect on itself left unshrunk). Gets better with more models; the expensive one.',
  },
  'regression-sparse': {
    label: 'Regression datamodels (sparse: screen + refit)',
    explanation:
      'Same subset models; keeps for each output only the training points that covary most with it and refits on those. A cheap stand-in for the paper’s LASSO, not LASSO itself.',
  },
  trak: {
    label: 'TRAK (all layers, projected gradients)',
    explanation:
      'Per-example gradients of the trained models through every layer, randomly projected, then a kernel regression: no extra models except a few to set the scale.',
  },
  'trak-last-layer': {
    label: 'TRAK, last layer only (fast mode)',
    explanation:
      'TRAK using only the gradient of the final dense layer (exact and cheap). Faster and rougher than full TRAK; for the linear model it is the whole model.',
  },
  imported: {
    label: 'Imported (.npy)',
    explanation: 'Datamodel weights computed elsewhere and loaded from NumPy files.',
  },
  random: {
    label: 'Random β (baseline)',
    explanation: 'Random weights of a similar size: the LDS of "no attribution at all", about 0.',
  },
};

/**
 * Subset models per regression fit, by model size (cost grows with the model, quality with
 * M). Measured on the shared 2-core dev machine, CIFAR subset (n = 5,085), 20 epochs, fused
 * chunks of 32: linear ≈ 1 s per model, mlp-128 ≈ 5–8 s per model (M = 64: ~8 min);
 * cnn-s on the native conv kernels trains ~1,300 images/s per core, ≈ 40 s per model on two
 * cores (it was ≈ 4 min on tfjs-wasm). On the MLP, LDS was
 * 0.43 / 0.43 / 0.45 for M = 32 / 64 / 128: with the self weight unpenalized, most of
 * what a few models can teach is self-influence, so the default favours time.
 */
export const DEFAULT_REGRESSION_MODELS: Record<ModelKind, number> = { linear: 256, mlp: 64, 'cnn-s': 16 };
/** Models per fused ensemble while training subset models. */
export const DEFAULT_SUBSET_CHUNK: Record<ModelKind, number> = { linear: 64, mlp: 32, 'cnn-s': 8 };

/** Default sparse support: one coefficient per 32 models, at least 4, at most 64. */
export function sparseSupport(models: number): number {
  return Math.min(64, Math.max(4, Math.round(models / 32)));
}

export const regressionOptionsSchema = z.object({
  /** M; omitted → DEFAULT_REGRESSION_MODELS for the model kind. */
  models: z.number().int().min(8).max(4096).optional(),
  /** Fraction of the pool each subset model trains on (the paper's α = 0.5). */
  alpha: z.number().gt(0).lt(1).default(0.5),
  /** 'loo' picks λ by leave-one-model-out error; a number is λ relative to trace(K)/M. */
  lambda: z.union([z.literal('loo'), z.number().positive()]).default('loo'),
  /**
   * Ridge only: fit each train point's weight on its own output without penalty. Ridge
   * with M ≪ n shrinks self-influence (memorisation, what unlearning must undo) by ~M/n.
   */
  unpenalizedSelf: z.boolean().default(true),
  /**
   * regression-sparse only: coefficients kept per target; omitted → sparseSupport(M).
   * Fewer coefficients are better with few models: on the CIFAR-subset MLP with M = 128,
   * LDS was 0.40 / 0.38 / 0.33 / 0.28 for 4 / 8 / 16 / 32.
   */
  support: z.number().int().min(1).max(512).optional(),
  chunkSize: z.number().int().min(1).max(256).optional(),
});
export type RegressionOptions = z.infer<typeof regressionOptionsSchema>;

export const trakOptionsSchema = z.object({
  /** Trained models averaged over (the first ones of the ensemble given). */
  models: z.number().int().min(1).max(64).default(4),
  /**
   * Kernel ridge, relative to trace(ΦᵀΦ)/D. Large on purpose: with a handful of models the
   * inverse of the projected kernel is noisy. LDS on the CIFAR-subset MLP (last layer):
   * 0.55 at λ = 0.1, 0.51 at 0.3, 0.45 at 1; on the tiny linear check 0.3–1 was best.
   */
  lambda: z.number().positive().default(0.1),
  /**
   * Last-layer activations wider than PROJECT_ABOVE are projected to this many dimensions
   * (the linear model's 512 features; the MLP's 128 hidden units are kept exactly).
   */
  lastLayerDim: z.number().int().min(8).max(512).default(128),
  /** Full mode: projected sizes of the first layer's input and output-sensitivity factors. */
  inputDim: z.number().int().min(4).max(256).default(32),
  deltaDim: z.number().int().min(4).max(256).default(16),
  /** Full mode: projected size of the hidden activations feeding the last layer. */
  hiddenDim: z.number().int().min(4).max(512).default(64),
  /**
   * Subset models used to fit TRAK's scales (trak-calibration.ts: TRAK scores are known only
   * up to a factor, but DMM subtracts them from logits). 0 keeps the raw scale.
   */
  calibrationModels: z.number().int().min(0).max(256).default(8),
  /**
   * Subset size of the calibration models. Near 1 on purpose: DMM removes a small forget
   * set from the full pool, and TRAK linearises at the full-pool model; calibrating on
   * half-size subsets overstated removal effects ~1.7× on the tiny linear check (whose
   * truth is computable), while α = 0.9 matched them within ~10%.
   */
  calibrationAlpha: z.number().gt(0).lt(1).default(0.9),
});
export type TrakOptions = z.infer<typeof trakOptionsSchema>;

export const ldsOptionsSchema = z.object({
  /** Fresh subset models to score against. */
  models: z.number().int().min(4).max(1024).default(32),
  alpha: z.number().gt(0).lt(1).default(0.5),
});
export type LdsOptions = z.infer<typeof ldsOptionsSchema>;
