import type { AccuracyResult } from './accuracy';
import type { ByGroup } from './by-group';
import type { KlomGroup } from './klom';
import type { LossMatrix, MarginMatrix } from './margin-matrix';
import type { ForgetQuality } from './neurips-score';
import type { PopulationMiaResult } from './population-mia';
import type { ULiraResult } from './ulira';

/**
 * The input and output of evaluating one unlearning method (./evaluate.ts). The output,
 * {@link MethodEvaluation}, is the results-file format and the page's chart input, so it
 * holds only plain numbers, arrays, strings and null: `JSON.stringify` round-trips it.
 * (∞ and undefined values are spelled null, and say so where they can occur.)
 */

/** One ensemble's outputs on one group of points. */
export interface GroupOutputs {
  /** Margins, models × points. */
  margins: MarginMatrix;
  /**
   * Optional argmax-correctness flags (1 = correct), same layout as `margins`. Without
   * them accuracy falls back to margin > 0 (p_y > ½), see ./accuracy.ts.
   */
  correct?: Uint8Array;
}

export interface EvaluateMethodInput {
  /** The method's N unlearned models (one per original) on F, the R sample and V. */
  unlearned: ByGroup<GroupOutputs>;
  /** The first oracle ensemble (trained from scratch on R) on the same points. */
  oracle: ByGroup<GroupOutputs>;
  /** A second, disjoint oracle ensemble on the same points: the KLoM noise floor. */
  secondOracle?: ByGroup<MarginMatrix>;
  /** Class labels of the forget and validation points (population-MIA class balance). */
  labels: { forget: ArrayLike<number>; validation: ArrayLike<number> };
  /**
   * Per-example cross-entropy of the unlearned models (models × points). Optional: by
   * default it is computed exactly from the margins as softplus(−margin). The oracles'
   * reference attack always uses their margins.
   */
  losses?: { forget: LossMatrix; validation: LossMatrix };
  /**
   * Retrain's mean retain and test accuracy for the NeurIPS final score. Default: the
   * first oracle ensemble's mean accuracy on the R sample and on V.
   */
  retrainAccuracy?: { retain: number; validation: number };
  /** Seed for the population MIA's subsampling and folds. */
  seed: number;
}

export interface PopulationMiaEvaluation {
  /** The attack on each unlearned model (its forget vs validation losses), model order. */
  perModel: PopulationMiaResult[];
  /** Mean accuracy over the models where the attack ran; null if it ran on none. */
  meanAccuracy: number | null;
  /** The same attack on each oracle: Retrain's reference value (≈ 0.5). */
  oraclePerModel: PopulationMiaResult[];
  oracleMeanAccuracy: number | null;
}

export interface NeuripsEvaluation extends ForgetQuality {
  /** Mean accuracy of the unlearned models on the R sample and on V (the test set). */
  retainAccuracy: number;
  testAccuracy: number;
  retrainRetainAccuracy: number;
  retrainTestAccuracy: number;
  retrainAccuracySource: 'input' | 'oracle-models';
  /** forgetQuality × accuracy ratios; null when a retrain accuracy is 0. */
  finalScore: number | null;
}

export interface MethodEvaluation {
  /** Bump when this shape changes; readers migrate older files. */
  formatVersion: 1;
  models: { unlearned: number; oracle: number; secondOracle: number | null };
  points: ByGroup<number>;
  /** Accuracy of each unlearned model per group. */
  accuracy: ByGroup<AccuracyResult>;
  /** Accuracy of each oracle per group (Retrain's reference). */
  oracleAccuracy: ByGroup<AccuracyResult>;
  /** KL(unlearned ‖ oracle) of margins per point, and its summary, per group. */
  klom: ByGroup<KlomGroup>;
  /** KLoM of the second oracle ensemble vs the first; null without a second ensemble. */
  noiseFloor: ByGroup<KlomGroup> | null;
  /** U-LiRA on the forget set. */
  ulira: ULiraResult;
  populationMia: PopulationMiaEvaluation;
  neurips: NeuripsEvaluation;
}
