import { targetLabels, type AttributionContext } from './context';
import { DEFAULT_REGRESSION_MODELS, DEFAULT_SUBSET_CHUNK, regressionOptionsSchema, sparseSupport, type RegressionOptions } from './meta';
import { ridgeFromSubsets } from './ridge';
import { sparseFromSubsets } from './sparse-fit';
import { trainSubsetModels, type SubsetModels } from './subset-models';
import type { Datamodels } from './types';
import { deriveSeed } from '../util/rng';

/**
 * Regression datamodels end to end: train M subset models (subset-models.ts), then fit
 * ridge (ridge.ts) or the sparse screen-and-refit (sparse-fit.ts). Both fits can share
 * one set of subset models, which is how the bench compares them at equal cost.
 */
export type RegressionEstimator = 'regression' | 'regression-sparse';

export function resolvedRegressionOptions(ctx: Pick<AttributionContext, 'spec'>, options: Partial<RegressionOptions> = {}) {
  const o = regressionOptionsSchema.parse(options);
  return {
    ...o,
    models: o.models ?? DEFAULT_REGRESSION_MODELS[ctx.spec.kind],
    chunkSize: o.chunkSize ?? DEFAULT_SUBSET_CHUNK[ctx.spec.kind],
  };
}

export async function trainRegressionSubsets(ctx: AttributionContext, options: Partial<RegressionOptions> = {}): Promise<SubsetModels> {
  const o = resolvedRegressionOptions(ctx, options);
  return trainSubsetModels({
    ...ctx, // model, recipe, inputs, labels, progress and signal
    models: o.models,
    alpha: o.alpha,
    seed: deriveSeed(ctx.seed, 'datamodels'),
    chunkSize: o.chunkSize,
    stage: 'Datamodels',
  });
}

/** Fits one regression estimator to already trained subset models. */
export async function fitRegression(
  estimator: RegressionEstimator,
  subsets: SubsetModels,
  ctx: Pick<AttributionContext, 'labels' | 'validationLabels' | 'seed' | 'spec'>,
  options: Partial<RegressionOptions> = {},
): Promise<Datamodels> {
  const o = resolvedRegressionOptions(ctx, options);
  const start = performance.now();
  const cost = () => ({ seconds: subsets.seconds + (performance.now() - start) / 1000, modelsTrained: subsets.models });
  if (estimator === 'regression') return ridgeFromSubsets(subsets, { lambda: o.lambda, unpenalizedSelf: o.unpenalizedSelf, seed: ctx.seed }, cost, o.alpha);
  return sparseFromSubsets(subsets, targetLabels(ctx), { support: o.support ?? sparseSupport(subsets.models) }, cost, o.alpha);
}

export async function regressionDatamodels(
  ctx: AttributionContext,
  estimator: RegressionEstimator = 'regression',
  options: Partial<RegressionOptions> = {},
): Promise<Datamodels> {
  const subsets = await trainRegressionSubsets(ctx, options);
  return fitRegression(estimator, subsets, ctx, options);
}
