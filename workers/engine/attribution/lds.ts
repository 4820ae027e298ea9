import { marginAt } from '../metrics/margin';
import { quantileSorted } from '../metrics/summary';
import { deriveSeed } from '../util/rng';
import { targetLabels, type AttributionContext } from './context';
import { spearman } from './linalg';
import { DEFAULT_SUBSET_CHUNK, ldsOptionsSchema, type LdsOptions } from './meta';
import { trainSubsetModels, type SubsetModels } from './subset-models';
import type { Datamodels } from './types';

/**
 * Linear datamodeling score (LDS; Park et al. 2023, TRAK): train K fresh models on new
 * random α-subsets S'_k (a seed stream of their own, never the estimator's), and for each
 * target x compute Spearman's ρ across k between the datamodel's predicted output for S'_k
 * and the output actually measured; LDS = mean ρ over targets.
 *
 * Output scored: the MARGIN of the target's true label (what every metric in the lab looks
 * at), computed from the predicted logits for per-logit datamodels. ρ is undefined for a
 * target whose predicted (or measured) margin does not vary across subsets (e.g. a
 * datamodel with no weight on it); such targets are left out and counted.
 */
export interface LdsResult {
  output: 'margin';
  /** K, fresh subset models scored against. */
  models: number;
  alpha: number;
  /** Mean ρ over targets with a defined ρ. */
  mean: number;
  /** Distribution of per-target ρ. */
  quantiles: { p10: number; p25: number; median: number; p75: number; p90: number };
  /** Fraction of scored targets with ρ > 0. */
  positive: number;
  byGroup: { train: number; validation: number };
  /** ρ per target (train pool, then validation); NaN where undefined. */
  perTarget: Float32Array;
  targetsScored: number;
  targetsUndefined: number;
}

/** Trains the LDS's own subset models (seed stream 'lds', independent of every estimator's). */
export async function trainLdsSubsets(ctx: AttributionContext, options: Partial<LdsOptions> = {}): Promise<SubsetModels> {
  const o = ldsOptionsSchema.parse(options);
  return trainSubsetModels({
    ...ctx, // model, recipe, inputs, labels, progress and signal
    models: o.models,
    alpha: o.alpha,
    seed: ldsSeed(ctx.seed),
    chunkSize: DEFAULT_SUBSET_CHUNK[ctx.spec.kind],
    stage: 'LDS check',
  });
}

export function ldsSeed(seed: number): number {
  return deriveSeed(seed, 'lds');
}

/** Scores datamodels against already trained subset models (reusable across estimators). */
export function ldsFromSubsets(dm: Datamodels, subsets: SubsetModels, labels: Uint8Array, alpha = 0.5): LdsResult {
  const { models: k, trainSize: n, validationSize: v, classes: c } = subsets;
  if (dm.trainSize !== n || dm.validationSize !== v || dm.classes !== c) throw new RangeError('LDS: datamodels and subset models disagree on sizes');
  const targets = n + v;
  if (labels.length !== targets) throw new RangeError(`LDS: ${labels.length} labels for ${targets} targets`);
  const predicted = new Float32Array(k * targets);
  const measured = new Float32Array(k * targets);
  for (let m = 0; m < k; m++) {
    const mask = subsets.masks.subarray(m * n, (m + 1) * n);
    const train = dm.predict(mask, 'train');
    const validation = dm.predict(mask, 'validation');
    for (let t = 0; t < targets; t++) {
      const [logits, row] = t < n ? [train, t] : [validation, t - n];
      predicted[t * k + m] = marginAt(logits, row * c, c, labels[t]);
      measured[t * k + m] = marginAt(subsets.outputs, (m * targets + t) * c, c, labels[t]);
    }
  }
  const perTarget = new Float32Array(targets);
  for (let t = 0; t < targets; t++) perTarget[t] = spearman(predicted.subarray(t * k, (t + 1) * k), measured.subarray(t * k, (t + 1) * k));
  return summarizeLds(perTarget, n, k, alpha);
}

export function summarizeLds(perTarget: Float32Array, trainSize: number, models: number, alpha: number): LdsResult {
  const finite = Array.from(perTarget).filter(Number.isFinite);
  const sorted = Float64Array.from(finite).sort();
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
  const group = (from: number, to: number) => mean(Array.from(perTarget.subarray(from, to)).filter(Number.isFinite));
  const q = (p: number) => (sorted.length ? quantileSorted(sorted, p) : NaN);
  return {
    output: 'margin',
    models,
    alpha,
    mean: mean(finite),
    quantiles: { p10: q(0.1), p25: q(0.25), median: q(0.5), p75: q(0.75), p90: q(0.9) },
    positive: finite.length ? finite.filter((r) => r > 0).length / finite.length : NaN,
    byGroup: { train: group(0, trainSize), validation: group(trainSize, perTarget.length) },
    perTarget,
    targetsScored: finite.length,
    targetsUndefined: perTarget.length - finite.length,
  };
}

export async function measureLds(dm: Datamodels, ctx: AttributionContext, options: Partial<LdsOptions> = {}): Promise<LdsResult> {
  const o = ldsOptionsSchema.parse(options);
  const subsets = await trainLdsSubsets(ctx, o);
  return ldsFromSubsets(dm, subsets, targetLabels(ctx), o.alpha);
}

/** One print-ready line block, e.g. for the CLI and the bench. */
export function formatLds(r: LdsResult, label = 'LDS'): string {
  const f = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');
  const undef = r.targetsUndefined ? `, ${r.targetsUndefined} targets without variation left out` : '';
  return [
    `${label}: ${f(r.mean)} (Spearman of true-label margin over ${r.models} fresh α=${r.alpha} subsets, mean over ${r.targetsScored} targets${undef})`,
    `  per target: p10 ${f(r.quantiles.p10)}  p25 ${f(r.quantiles.p25)}  median ${f(r.quantiles.median)}  p75 ${f(r.quantiles.p75)}  p90 ${f(r.quantiles.p90)}; ρ > 0 for ${(100 * r.positive).toFixed(0)}%`,
    `  train-pool targets ${f(r.byGroup.train)}, validation targets ${f(r.byGroup.validation)}`,
  ].join('\n');
}

