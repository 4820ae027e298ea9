/**
 * The evaluation suite (algorithms.md, "Evaluation"): pure TypeScript over typed arrays,
 * no tfjs, so it runs in a Web Worker, in Node and in tests alike. Start at
 * `evaluateMethod` (./evaluate.ts); the pieces are exported for the page and the CLI.
 */
export { GROUPS, mapGroups, type ByGroup, type Group } from './by-group';
export {
  assertSamePoints,
  at,
  column,
  columnOf,
  marginMatrix,
  row,
  stackRows,
  type LossMatrix,
  type MarginMatrix,
} from './margin-matrix';
export { clipLoss, clipMargin, LOSS_CLIP, MARGIN_CLIP } from './clip';
export {
  crossEntropyFromMargin,
  logitScaledConfidence,
  logitScaledConfidencesFromLogits,
  margin,
  marginAt,
  marginsFromLogits,
} from './margin';
export {
  accuracyFromCorrect,
  accuracyFromMargins,
  correctFromLogits,
  type AccuracyResult,
  type AccuracyRule,
} from './accuracy';
export { quantileSorted, summarize, type Summary } from './summary';
export { KLOM_BINS, KLOM_Q_FLOOR, klomGroup, klomOfSamples, klomPerPoint, type KlomGroup } from './klom';
export { noiseFloor } from './noise-floor';
export { erfc, fitGaussian, logNormalPdf, normalCdf, type GaussianFit } from './gaussian';
export {
  bestBalancedAccuracy,
  downsampleRoc,
  rocAuc,
  rocCurve,
  tprAtFpr,
  type RocCurve,
  type RocPoints,
} from './roc';
export {
  ulira,
  uliraScores,
  ULIRA_MIN_MODELS,
  ULIRA_VARIANCE_FLOOR,
  type ULiraNotEnoughModels,
  type ULiraOk,
  type ULiraOptions,
  type ULiraResult,
} from './ulira';
export { fitLogistic, predictClass, predictProbability, type LogisticModel } from './logistic-regression';
export {
  balancedIndices,
  populationMia,
  POPULATION_MIA_FOLDS,
  type PopulationMiaBalance,
  type PopulationMiaNotEnoughData,
  type PopulationMiaOk,
  type PopulationMiaOptions,
  type PopulationMiaResult,
} from './population-mia';
export {
  forgetQuality,
  NEURIPS_BUCKET_WIDTH,
  NEURIPS_DELTA,
  NEURIPS_ZERO_BUCKET,
  neuripsEpsilon,
  neuripsFinalScore,
  neuripsPointScore,
  type ForgetQuality,
  type NeuripsFinalInput,
} from './neurips-score';
export { evaluateMethod } from './evaluate';
export type {
  EvaluateMethodInput,
  GroupOutputs,
  MethodEvaluation,
  NeuripsEvaluation,
  PopulationMiaEvaluation,
} from './evaluation-types';
