import { z } from 'zod';

/**
 * Hyperparameter fields shared by several methods, so that the same knob has the same
 * bounds everywhere (panel, URL restore, CLI). Imports only zod: every meta.ts uses it
 * and the page imports the metas, so nothing here may pull in tfjs.
 *
 * Bounds are generous enough to explore (including failure: a learning rate of 0.1 makes
 * most methods diverge, which the lab should be able to show) but keep every run within
 * a few hundred steps on the default setting (|R| ≈ 4,900, |F| ≈ 100, batch 128).
 */
export const learningRate = (fallback: number) => z.number().min(1e-6).max(0.1).default(fallback);

export const epochs = (fallback: number, max: number) => z.number().int().min(1).max(max).default(fallback);

export const batchSize = (fallback: number) => z.number().int().min(8).max(1024).default(fallback);

/** The retain-set fine-tune that FT, ℓ1-sparse and noisy descent share (each adds its own knobs). */
export const fineTuneFields = {
  learningRate: learningRate(3e-3),
  epochs: epochs(2, 10),
  batchSize: batchSize(128),
};

export const fineTuneHelp: Record<keyof typeof fineTuneFields, string> = {
  learningRate: 'Adam step size at the start, cosine-decayed to zero.',
  epochs: 'Passes over the retain set.',
  batchSize: 'Retain examples per step.',
};

/** Random labels' knobs, shared by RL and SalUn (which trains RL's plan through its mask). */
export const randomLabelFields = {
  learningRate: learningRate(1e-3),
  epochs: epochs(2, 10),
  batchSize: batchSize(128),
  forgetBatchSize: batchSize(8),
};

export const randomLabelHelp: Record<keyof typeof randomLabelFields, string> = {
  learningRate: 'Adam step size at the start, cosine-decayed to zero.',
  epochs: 'Passes over the retain set; relabelled forget batches are cycled alongside.',
  batchSize: 'Retain examples per step.',
  forgetBatchSize: 'Relabelled forget examples added to each step.',
};

/** Attribution estimators a datamodel method can read (algorithms.md, "Data attribution"). */
export const ESTIMATORS = ['group-newton', 'regression', 'regression-sparse', 'trak', 'trak-last-layer', 'imported'] as const;
export type Estimator = (typeof ESTIMATORS)[number];

export const estimator = () => z.enum(ESTIMATORS).default('group-newton');

/**
 * The fine-tuning knobs of the matching methods (OM, DMM): the paper's recipe, Adam on
 * MSE between logits over F repeated `forgetMultiplier` times plus `retainMultiplier·|F|`
 * retain points.
 */
export const retainMultiplier = (fallback: number) => z.number().int().min(0).max(50).default(fallback);
/** How many times each forget point appears in the matching fine-tune (OM and DMM differ). */
export const forgetMultiplier = (fallback: number) => z.number().int().min(1).max(10).default(fallback);

export const matchingFields = {
  learningRate: learningRate(1e-3),
  epochs: epochs(10, 40),
  batchSize: batchSize(128),
  forgetMultiplier: forgetMultiplier(3),
  retainMultiplier: retainMultiplier(10),
};

export const matchingHelp: Record<keyof typeof matchingFields, string> = {
  learningRate: 'Adam step size (cosine-decayed to zero).',
  epochs: 'Passes over the fine-tuning set (forget copies plus retain sample).',
  batchSize: 'Examples per step, shared by all models of the ensemble.',
  forgetMultiplier: 'How many times each forget point appears in the fine-tuning set.',
  retainMultiplier: 'Retain points sampled per forget point (keeps the rest of the model in place).',
};
