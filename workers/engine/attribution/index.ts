/**
 * Data attribution → datamodels (algorithms.md). Start at `types.ts` (the Datamodels
 * contract: removalEffect, predict, serialize), then one estimator per file:
 * regression.ts (ridge.ts, sparse-fit.ts) and trak.ts; lds.ts scores any of them,
 * preview.ts and predicted-oracle.ts turn them into DM-direct / DMM targets, bench.ts
 * compares them. meta.ts holds the page-facing labels and option schemas (no tfjs).
 */
export * from './types';
export { ESTIMATOR_INFO, DEFAULT_REGRESSION_MODELS, DEFAULT_SUBSET_CHUNK, ldsOptionsSchema, regressionOptionsSchema, trakOptionsSchema } from './meta';
export type { LdsOptions, RegressionOptions, TrakOptions } from './meta';
export { targetLabels, type AttributionContext } from './context';
export { regressionDatamodels, trainRegressionSubsets, fitRegression, type RegressionEstimator } from './regression';
export { trakDatamodels, type TrakEstimator } from './trak';
export { randomDatamodels } from './random';
export { trainSubsetModels, subsetMask, type SubsetModels } from './subset-models';
export { measureLds, ldsFromSubsets, trainLdsSubsets, formatLds, type LdsResult } from './lds';
export { previewRemoval, type PreviewInput, type RemovalPreview } from './preview';
export { predictedOracleLogitsFn, subtractRemoval, meanOverModels } from './predicted-oracle';
export { deserializeDatamodels } from './serialize';
