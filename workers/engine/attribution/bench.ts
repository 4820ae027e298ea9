import type { Compute, Ensemble } from '../compute/types';
import type { Dataset } from '../data/types';
import { inputDimOf, modelInputs } from '../models/inputs';
import type { ModelSpec } from '../models/spec';
import type { ProgressFn } from '../train/progress';
import { trainEnsemble, type TrainingOptions } from '../train/train-ensemble';
import { range } from '../train/batches';
import { Rng, deriveSeed } from '../util/rng';
import { targetLabels, type AttributionContext } from './context';
import { formatLds, ldsFromSubsets, trainLdsSubsets, type LdsResult } from './lds';
import { ESTIMATOR_INFO, ldsOptionsSchema, type LdsOptions, type RegressionOptions, type TrakOptions } from './meta';
import { meanOverModels } from './predicted-oracle';
import { previewRemoval } from './preview';
import { randomDatamodels } from './random';
import { fitRegression, trainRegressionSubsets, type RegressionEstimator } from './regression';
import { trakDatamodels } from './trak';
import type { Datamodels, DatamodelsInfo, EstimatorId } from './types';

/**
 * Attribution benchmark for `npm run bench`: for each estimator on one dataset and model,
 * its cost (wall time, models trained) and quality (LDS against one shared set of fresh
 * subset models), plus the instant preview's latency. Regression and its sparse variant
 * share one set of subset models (their cost is that training plus their own fit).
 */
export interface AttributionBenchArgs {
  compute: Compute;
  dataset: Dataset;
  spec: ModelSpec;
  training: TrainingOptions;
  estimators?: EstimatorId[];
  /** Originals trained for TRAK and the preview. */
  originals?: number;
  regression?: Partial<RegressionOptions>;
  trak?: Partial<TrakOptions>;
  lds?: Partial<LdsOptions>;
  /** Fraction of the pool removed for the preview timing. */
  previewForget?: number;
  seed?: number;
  onProgress?: ProgressFn;
  signal?: AbortSignal;
  log?: (line: string) => void;
}

export interface AttributionBenchRow {
  estimator: EstimatorId;
  label: string;
  seconds: number;
  modelsTrained: number;
  lds: LdsResult;
  /** Median of 5 preview runs, ms. */
  previewMs: number;
  info: DatamodelsInfo;
}

export interface AttributionBenchResult {
  dataset: string;
  trainSize: number;
  validationSize: number;
  spec: ModelSpec;
  training: TrainingOptions;
  originals: { models: number; seconds: number };
  ldsModels: { models: number; seconds: number };
  rows: AttributionBenchRow[];
}

export const DEFAULT_BENCH_ESTIMATORS: EstimatorId[] = ['regression', 'regression-sparse', 'trak', 'trak-last-layer', 'random'];

export async function benchAttribution(a: AttributionBenchArgs): Promise<AttributionBenchResult> {
  const inputs = await modelInputs(a.dataset, a.spec);
  await a.compute.setInputs(inputs);
  const ctx: AttributionContext = {
    spec: a.spec,
    training: a.training,
    compute: a.compute,
    inputs,
    inputDim: inputDimOf(a.spec),
    labels: a.dataset.train.labels,
    validationLabels: a.dataset.validation.labels,
    classes: a.dataset.classNames.length,
    seed: a.seed ?? 1,
    onProgress: a.onProgress,
    signal: a.signal,
  };
  const start = performance.now();
  const count = a.originals ?? 4;
  const originals = await trainOriginals(ctx, count);
  const seconds = (performance.now() - start) / 1000;
  a.log?.(`originals: ${count} models in ${seconds.toFixed(1)} s`);
  try {
    return await benchWithOriginals(a, ctx, originals, { models: count, seconds });
  } finally {
    originals.dispose();
  }
}

function trainOriginals(ctx: AttributionContext, count: number): Promise<Ensemble> {
  return trainEnsemble(ctx.compute, {
    spec: ctx.spec,
    seeds: Array.from({ length: count }, (_, m) => deriveSeed(ctx.seed, 'bench-originals', m)),
    orderSeed: deriveSeed(ctx.seed, 'bench-originals-order'),
    inputDim: ctx.inputDim,
    labels: ctx.labels,
    classes: ctx.classes,
    indices: range(ctx.labels.length),
    training: ctx.training,
    stage: 'Originals',
    onProgress: ctx.onProgress,
    signal: ctx.signal,
  }).then((r) => r.ensemble);
}

async function benchWithOriginals(
  a: AttributionBenchArgs,
  ctx: AttributionContext,
  originals: Ensemble,
  originalsCost: { models: number; seconds: number },
): Promise<AttributionBenchResult> {
  const log = a.log ?? (() => {});
  const estimators = a.estimators ?? DEFAULT_BENCH_ESTIMATORS;
  const n = ctx.labels.length;
  const labels = targetLabels(ctx);
  const logits = {
    train: meanOverModels(await originals.predict('train'), originals.size),
    validation: meanOverModels(await originals.predict('validation'), originals.size),
  };
  const start = performance.now();
  const ldsSubsets = await trainLdsSubsets(ctx, a.lds);
  const ldsSeconds = (performance.now() - start) / 1000;
  log(`LDS check: ${ldsSubsets.models} fresh subset models in ${ldsSeconds.toFixed(1)} s`);
  const ldsAlpha = ldsOptionsSchema.parse(a.lds ?? {}).alpha;
  const forget = Int32Array.from(new Rng(deriveSeed(ctx.seed, 'bench-forget')).sample(n, Math.round((a.previewForget ?? 0.1) * n)));

  const rows: AttributionBenchRow[] = [];
  const record = (dm: Datamodels) => {
    const lds = ldsFromSubsets(dm, ldsSubsets, labels, ldsAlpha);
    const input = { datamodels: dm, originalLogits: logits, labels: { train: ctx.labels, validation: ctx.validationLabels }, forget };
    previewRemoval(input); // warm-up
    const times = Array.from({ length: 5 }, () => previewRemoval(input).seconds * 1000).sort((x, y) => x - y);
    const label = ESTIMATOR_INFO[dm.estimator].label;
    rows.push({ estimator: dm.estimator, label, seconds: dm.cost.seconds, modelsTrained: dm.cost.modelsTrained, lds, previewMs: times[2], info: dm.info });
    log(`${label}: ${dm.cost.seconds.toFixed(1)} s, ${dm.cost.modelsTrained} models, preview ${times[2].toFixed(1)} ms\n${formatLds(lds)}`);
  };

  const regressions = estimators.filter((e): e is RegressionEstimator => e === 'regression' || e === 'regression-sparse');
  if (regressions.length) {
    const subsets = await trainRegressionSubsets(ctx, a.regression);
    for (const e of regressions) record(await fitRegression(e, subsets, ctx, a.regression));
  }
  for (const e of estimators) {
    if (e === 'trak-last-layer' || (e === 'trak' && ctx.spec.kind !== 'cnn-s')) record(await trakDatamodels(originals, ctx, e, a.trak));
  }
  if (estimators.includes('random')) record(randomDatamodels({ trainSize: n, validationSize: ctx.validationLabels.length, classes: ctx.classes }, ctx.seed));
  return {
    dataset: a.dataset.id,
    trainSize: n,
    validationSize: ctx.validationLabels.length,
    spec: a.spec,
    training: a.training,
    originals: originalsCost,
    ldsModels: { models: ldsSubsets.models, seconds: ldsSeconds },
    rows,
  };
}

/** A plain-text table for the terminal and the bench log. */
export function formatAttributionBench(r: AttributionBenchResult): string {
  const f = (x: number, d = 3) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
  const lines = [
    `Attribution on ${r.dataset} (n = ${r.trainSize}, validation ${r.validationSize}), model ${r.spec.kind}${r.spec.kind === 'mlp' ? `-${r.spec.hidden}` : ''}, ${r.training.epochs} epochs`,
    `LDS: Spearman of true-label margins over ${r.ldsModels.models} fresh α-subset models (trained in ${f(r.ldsModels.seconds, 0)} s); originals: ${r.originals.models} (${f(r.originals.seconds, 0)} s, not counted below)`,
    `${'estimator'.padEnd(48)} ${'seconds'.padStart(8)} ${'models'.padStart(7)} ${'LDS'.padStart(6)} ${'train'.padStart(6)} ${'val'.padStart(6)} ${'median'.padStart(7)} ${'preview ms'.padStart(11)}`,
  ];
  for (const row of r.rows) {
    lines.push(
      `${row.label.padEnd(48)} ${f(row.seconds, 1).padStart(8)} ${String(row.modelsTrained).padStart(7)} ${f(row.lds.mean).padStart(6)} ${f(row.lds.byGroup.train).padStart(6)} ${f(row.lds.byGroup.validation).padStart(6)} ${f(row.lds.quantiles.median).padStart(7)} ${f(row.previewMs, 1).padStart(11)}`,
    );
  }
  return lines.join('\n');
}
