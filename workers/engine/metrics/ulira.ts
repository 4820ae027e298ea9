import { clipMargin } from './clip';
import { fitGaussian, logNormalPdf } from './gaussian';
import { assertSamePoints, columnOf, type MarginMatrix } from './margin-matrix';
import { bestBalancedAccuracy, downsampleRoc, rocAuc, rocCurve, tprAtFpr, type RocPoints } from './roc';

/**
 * Per-example membership inference in the style of U-LiRA (Hayes et al. 2024, after
 * LiRA, Carlini et al. 2022; algorithms.md, "Evaluation"). The attacker asks of one
 * model's margin on one forget point: "was this point trained on and then unlearned,
 * or never trained on?"
 *
 * For each forget point, Gaussians are fitted to its margins under unlearned models
 * (μ_u, σ_u²) and under oracles (μ_o, σ_o²) using only a fit split of the models; every
 * held-out margin x is scored by the likelihood ratio
 *
 *     s(x) = log N(x; μ_u, σ_u²) − log N(x; μ_o, σ_o²)
 *
 * Positives are the held-out unlearned models' scores, negatives the held-out oracles',
 * pooled over all forget points into one ROC curve (./roc.ts for its conventions).
 *
 * Split: deterministic two-fold. Models [0, ⌊N/2⌋) form half A and the rest half B, on
 * each side separately. Fold 1 fits on the A halves and scores the B halves; fold 2 the
 * reverse; both folds are pooled. So every model is scored exactly once, by an attacker
 * that never saw it, and the result does not depend on a seed.
 *
 * Margins are clipped as everywhere (./clip.ts). Variances are unbiased with a floor of
 * 1e-4 (σ ≥ 0.01 margin units), so identical fitted margins still give a finite score.
 * Each fit half needs ≥ 2 models for a variance, hence ≥ 4 models per side.
 */
export const ULIRA_MIN_MODELS = 4;
export const ULIRA_VARIANCE_FLOOR = 1e-4;

export interface ULiraOk {
  status: 'ok';
  /** Area under the ROC curve; 0.5 = the attack cannot tell unlearned from oracle. */
  auc: number;
  /** TPR at FPR ≤ 1%, without interpolation; meaningful only with ≥ 100 negatives. */
  tprAt1PctFpr: number;
  /** TPR at FPR ≤ 0.1%; meaningful only with ≥ 1000 negatives. */
  tprAt01PctFpr: number;
  /** Best balanced accuracy over thresholds; 0.5 = perfect unlearning. */
  balancedAccuracy: number;
  /** The ROC curve, downsampled for charts. */
  roc: RocPoints;
  /** Number of scored unlearned outputs (unlearned models × forget points). */
  positives: number;
  /** Number of scored oracle outputs (oracles × forget points). */
  negatives: number;
}

export interface ULiraNotEnoughModels {
  status: 'not-enough-models';
  required: number;
  unlearned: number;
  oracle: number;
}

export type ULiraResult = ULiraOk | ULiraNotEnoughModels;

export interface ULiraOptions {
  varianceFloor?: number;
  maxRocPoints?: number;
}

/** The pooled held-out likelihood-ratio scores (positives: unlearned, negatives: oracle). */
export function uliraScores(
  unlearned: MarginMatrix,
  oracle: MarginMatrix,
  varianceFloor = ULIRA_VARIANCE_FLOOR,
): { positives: Float64Array; negatives: Float64Array } {
  assertSamePoints(unlearned, oracle, 'ulira');
  const points = unlearned.points;
  const halfU = Math.floor(unlearned.models / 2);
  const halfO = Math.floor(oracle.models / 2);
  const positives = new Float64Array(unlearned.models * points);
  const negatives = new Float64Array(oracle.models * points);
  let np = 0;
  let nn = 0;
  const clippedColumn = (m: MarginMatrix, point: number, start: number, end: number) =>
    columnOf(m, point, start, end).map(clipMargin);
  // [start, end) of halves A and B on each side; fold f fits on half f, scores half 1 − f.
  const halvesU = [[0, halfU], [halfU, unlearned.models]];
  const halvesO = [[0, halfO], [halfO, oracle.models]];
  for (let i = 0; i < points; i++) {
    for (let fold = 0; fold < 2; fold++) {
      const [fu0, fu1] = halvesU[fold];
      const [fo0, fo1] = halvesO[fold];
      const [eu0, eu1] = halvesU[1 - fold];
      const [eo0, eo1] = halvesO[1 - fold];
      const fu = fitGaussian(clippedColumn(unlearned, i, fu0, fu1), varianceFloor);
      const fo = fitGaussian(clippedColumn(oracle, i, fo0, fo1), varianceFloor);
      const score = (x: number) => logNormalPdf(x, fu.mean, fu.variance) - logNormalPdf(x, fo.mean, fo.variance);
      for (const x of clippedColumn(unlearned, i, eu0, eu1)) positives[np++] = score(x);
      for (const x of clippedColumn(oracle, i, eo0, eo1)) negatives[nn++] = score(x);
    }
  }
  return { positives, negatives };
}

/** U-LiRA attack on the forget points: ROC, AUC, TPR at low FPR, balanced accuracy. */
export function ulira(unlearned: MarginMatrix, oracle: MarginMatrix, options: ULiraOptions = {}): ULiraResult {
  assertSamePoints(unlearned, oracle, 'ulira');
  if (unlearned.models < ULIRA_MIN_MODELS || oracle.models < ULIRA_MIN_MODELS) {
    return { status: 'not-enough-models', required: ULIRA_MIN_MODELS, unlearned: unlearned.models, oracle: oracle.models };
  }
  if (unlearned.points === 0) throw new RangeError('ulira: no forget points');
  const { positives, negatives } = uliraScores(unlearned, oracle, options.varianceFloor ?? ULIRA_VARIANCE_FLOOR);
  const curve = rocCurve(positives, negatives);
  return {
    status: 'ok',
    auc: rocAuc(curve),
    tprAt1PctFpr: tprAtFpr(curve, 0.01),
    tprAt01PctFpr: tprAtFpr(curve, 0.001),
    balancedAccuracy: bestBalancedAccuracy(curve).balancedAccuracy,
    roc: downsampleRoc(curve, options.maxRocPoints ?? 200),
    positives: positives.length,
    negatives: negatives.length,
  };
}
