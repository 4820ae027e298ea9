import { marginAt } from '../metrics/margin';
import type { ModelWeights } from '../models/weights';
import { Rng } from '../util/rng';

/**
 * Group Newton's step length, measured on the ensemble itself instead of set by hand.
 *
 * EK-FAC's step has the right shape on every kind of group but is too long by one factor
 * (`ekfac.ts`): it predicts the optimum of the retain loss, and training stops before it.
 * That factor belongs to the training recipe, not to the forget set, so it is measured once
 * per ensemble where the truth is known without retraining: a model retrained without a
 * random fold of its training pool sees that fold as unseen data, so the fold's margins fall
 * to what the models give held-out data (the generalisation gap, validation margin − train
 * margin). The pool is split into K random folds; each fold's step is taken at scale 1; and
 *
 *     scale = gap / (mean over every fold's points and models of the predicted margin change).
 *
 * K-fold so that every training point counts once and the estimate's noise is the whole
 * pool's, not one fold's. The cost is K steps and K predictions of a fold (one-off, cached
 * with the ensemble's curvature). Measured on the presets: 0.3–0.4 (the hand-set value it
 * replaced was 0.35, fitted to the presets' forget sets).
 */
export interface StepCalibration {
  scale: number;
  /** Validation margin − train margin, the ensemble's mean. */
  gap: number;
  /** The folds' predicted mean margin change at scale 1. */
  predicted: number;
  folds: number;
}

export interface CalibrationInputs {
  folds: number;
  seed: number;
  trainRows: number;
  classes: number;
  models: number;
  labels: Uint8Array;
  validationLabels: Uint8Array;
  /** The originals' logits [models × rows × C] on the whole pool and on validation. */
  originalsTrain: Float32Array;
  originalsValidation: Float32Array;
  /** The weights after the scale-1 step that removes `rows`. */
  step: (rows: Int32Array) => Promise<ModelWeights[]>;
  /** Logits [models × rows × C] of some weights on train rows. */
  predict: (weights: ModelWeights[], rows: Int32Array) => Promise<Float32Array>;
  signal?: AbortSignal;
}

/** The mean margin of every model on every row of a [models × rows × C] block. */
export function meanMargin(logits: Float32Array, models: number, rows: number, classes: number, label: (row: number) => number): number {
  let sum = 0;
  for (let m = 0; m < models; m++) for (let r = 0; r < rows; r++) sum += marginAt(logits, (m * rows + r) * classes, classes, label(r));
  return sum / (models * rows);
}

/** Scales outside this range mean the measurement failed (a degenerate ensemble): fall back to 1. */
const PLAUSIBLE = [0.02, 3] as const;

export async function calibrateStepScale(c: CalibrationInputs): Promise<StepCalibration> {
  const { models, classes, trainRows } = c;
  const validationRows = c.validationLabels.length;
  if (c.originalsValidation.length !== models * validationRows * classes || c.originalsTrain.length !== models * trainRows * classes) {
    throw new Error('Step calibration: the logits do not match the models, rows and classes given');
  }
  const train = meanMargin(c.originalsTrain, models, trainRows, classes, (r) => c.labels[r]);
  const validation = meanMargin(c.originalsValidation, models, validationRows, classes, (r) => c.validationLabels[r]);
  const gap = validation - train;
  const order = new Rng(c.seed).permutation(trainRows);
  let change = 0;
  for (let k = 0; k < c.folds; k++) {
    c.signal?.throwIfAborted();
    const fold = order.filter((_, i) => i % c.folds === k).sort();
    const after = await c.predict(await c.step(fold), fold);
    for (let m = 0; m < models; m++) {
      for (const [i, r] of fold.entries()) {
        const before = marginAt(c.originalsTrain, (m * trainRows + r) * classes, classes, c.labels[r]);
        change += marginAt(after, (m * fold.length + i) * classes, classes, c.labels[r]) - before;
      }
    }
  }
  const predicted = change / (models * trainRows);
  const raw = gap / predicted;
  const scale = Number.isFinite(raw) && raw >= PLAUSIBLE[0] && raw <= PLAUSIBLE[1] ? raw : 1;
  return { scale, gap, predicted, folds: c.folds };
}
