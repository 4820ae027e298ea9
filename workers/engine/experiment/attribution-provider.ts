import { cacheKey, loadArtifact, saveArtifact } from '../cache/artifact';
import type { AttributionContext } from '../attribution/context';
import { measureLds } from '../attribution/lds';
import { regressionDatamodels } from '../attribution/regression';
import { deserializeDatamodels } from '../attribution/serialize';
import { trakDatamodels } from '../attribution/trak';
import type { Datamodels, DatamodelsHeader } from '../attribution/types';
import { deriveSeed } from '../util/rng';
import { datamodelHandle, type AttributionHandle, type AttributionProvider } from './attribution-stage';
import { groupNewtonWeights, prepareEkfac, type GroupNewtonState } from '../attribution/group-newton';
import { calibrateStepScale, type StepCalibration } from '../attribution/step-calibration';
import { ensemblePredictor } from './evaluate-outputs';
import type { Ensemble } from '../compute/types';
import { regressionOptionsSchema, trakOptionsSchema } from '../attribution/meta';

/**
 * Bump when an estimator's algorithm changes: cached datamodels from older code must not be
 * reused silently (the options below catch changed defaults, this catches changed code).
 */
export const ATTRIBUTION_CODE_VERSION = 3;
import { ensembleSeeds } from './reference';

/**
 * Builds the datamodels an experiment's DMM / DM-direct methods read, or loads them from
 * the cache: keyed by everything that produced them (training data, model and recipe,
 * estimator and its settings, seeds, the originals for TRAK, backend). Datamodels do not
 * depend on the forget set, so every new forget set reuses them: the one-off attribution
 * cost is amortised, and the instant preview needs nothing else.
 */
export const attributionProvider: AttributionProvider = async (a) => {
  const x = a.experiment;
  const estimator = a.estimator;
  const ctx: AttributionContext = {
    spec: x.model,
    training: x.training,
    compute: a.compute,
    inputs: a.inputs,
    inputDim: a.inputDim,
    labels: a.labels,
    validationLabels: a.dataset.validation.labels,
    classes: a.classes,
    seed: deriveSeed(x.seed, 'attribution'),
    onProgress: a.onProgress,
    signal: a.signal,
  };
  if (estimator === 'group-newton') return groupNewtonHandle(a);
  if (estimator === 'imported') {
    throw new Error('Imported datamodels come from .npy files: the CLI\'s --datamodels flag, or Import in the page\'s preview');
  }
  const usesOriginals = estimator.startsWith('trak');
  const key = await cacheKey('datamodels', {
    dataset: a.dataset.hash,
    spec: x.model,
    training: x.training,
    estimator,
    code: ATTRIBUTION_CODE_VERSION,
    options: usesOriginals ? trakOptionsSchema.parse({}) : regressionOptionsSchema.parse({ models: x.attribution.models, alpha: x.attribution.alpha }),
    models: x.attribution.models,
    alpha: x.attribution.alpha,
    seed: ctx.seed,
    originals: usesOriginals ? ensembleSeeds(x.seed, 'originals', x.ensemble.models) : null,
    implementation: a.implementation,
  });
  const cached = await loadArtifact<DatamodelsHeader>(a.store, key);
  let dm: Datamodels | null = null;
  if (cached) {
    try {
      dm = deserializeDatamodels({ header: cached.header, blobs: cached.arrays });
    } catch {
      dm = null; // stale layout: rebuild
    }
  }
  const fromCache = dm !== null;
  if (!dm) {
    dm = usesOriginals
      ? await trakDatamodels(a.originals, ctx, estimator as 'trak' | 'trak-last-layer')
      : await regressionDatamodels(ctx, estimator as 'regression' | 'regression-sparse', { models: x.attribution.models, alpha: x.attribution.alpha });
    const s = dm.serialize();
    const warning = await saveArtifact(a.store, key, { header: s.header, arrays: s.blobs });
    if (warning) a.warn(warning);
  }
  const lds = x.attribution.lds ? (await measureLds(dm, ctx)).mean : undefined;
  return datamodelHandle(dm, { estimator, seconds: dm.cost.seconds, modelsTrained: dm.cost.modelsTrained, lds, fromCache });
};

/**
 * Group Newton depends on the forget set, so it has no datamodels to cache: the stage
 * prepares the full-pool statistics of every original (its one-off cost), and each forget
 * set's Newton step is done when a method asks (its time counts in that method's cost).
 */
async function groupNewtonHandle(a: Parameters<AttributionProvider>[0]): Promise<AttributionHandle> {
  const train = a.inputs.sets.train!;
  a.onProgress({ stage: 'Group Newton: full-pool curvature of every original', done: 0, total: 1, secondsLeft: null });
  const curvature = await a.curvature();
  const configured = a.experiment.attribution.groupNewton;
  const { state, seconds, stepScale } = configured.eigenvalues === 'ekfac' ? await withEkfac(curvature, a) : { ...curvature, stepScale: undefined };
  const options = { ...configured, stepScale: stepScale?.scale ?? (typeof configured.stepScale === 'number' ? configured.stepScale : 1) };
  // DMM and DM-direct ask for the same forget set in one run: the step is solved once, and
  // each reports the seconds it took (as if it had solved it alone). Keyed by the whole set.
  let last: { key: string; stepped: Promise<{ weights: Awaited<ReturnType<typeof groupNewtonWeights>>; seconds: number }> } | null = null;
  const step = (forget: Int32Array, originals: Ensemble) => {
    const key = Array.from(forget).join(',');
    if (last?.key !== key) {
      const stepped = (async () => {
        const t = performance.now();
        const weights = await groupNewtonWeights(state, await originals.weights(), train, a.labels, forget, options, a.compute);
        return { weights, seconds: (performance.now() - t) / 1000 };
      })();
      last = { key, stepped };
      stepped.catch(() => (last = null));
    }
    return last.stepped;
  };
  return {
    summary: { estimator: 'group-newton', seconds, modelsTrained: 0, fromCache: false, ...(stepScale ? { stepScale } : {}) },
    async predictedOracle(forget, originals) {
      const stepped = await step(forget, originals);
      const t = performance.now();
      const predicted = await a.compute.ensembleFromWeights(a.experiment.model, a.inputDim, a.classes, stepped.weights);
      return { predict: ensemblePredictor(predicted), ensemble: predicted, seconds: stepped.seconds + (performance.now() - t) / 1000, release: () => predicted.dispose() };
    },
  };
}

/**
 * EK-FAC's part of the state, and the step scale measured on the ensemble where asked
 * ('calibrated'), added once per curvature: both are F-independent, and their seconds join
 * the one-off cost.
 */
interface EkfacPrepared {
  state: GroupNewtonState;
  seconds: number;
  stepScale?: StepCalibration;
}
const ekfacOf = new WeakMap<GroupNewtonState, Promise<EkfacPrepared>>();
function withEkfac(c: { state: GroupNewtonState; seconds: number }, a: Parameters<AttributionProvider>[0]): Promise<EkfacPrepared> {
  let pending = ekfacOf.get(c.state);
  if (!pending) {
    pending = (async () => {
      a.onProgress({ stage: 'Group Newton: EK-FAC eigenvalues of every original', done: 0, total: 1, secondsLeft: null });
      const t = performance.now();
      const weights = await a.originals.weights();
      const train = a.inputs.sets.train!;
      const state = await prepareEkfac(c.state, weights, train, a.labels);
      const options = a.experiment.attribution.groupNewton;
      let stepScale: StepCalibration | undefined;
      if (options.stepScale === 'calibrated') {
        const folds = STEP_CALIBRATION_FOLDS;
        let done = 0;
        const started = performance.now();
        // The scale belongs to the recipe, not to one model: the first few models measure it
        // (each contributes every pool point), at a quarter of the cost for N = 32.
        const models = Math.min(STEP_CALIBRATION_MODELS, a.originals.size);
        const c = a.classes;
        stepScale = await calibrateStepScale({
          folds,
          seed: deriveSeed(a.experiment.seed, 'step-calibration'),
          trainRows: train.rows,
          classes: c,
          models,
          labels: a.labels,
          validationLabels: a.dataset.validation.labels,
          originalsTrain: (await a.originals.predict('train')).subarray(0, models * train.rows * c),
          originalsValidation: (await a.originals.predict('validation')).subarray(0, models * a.dataset.validation.labels.length * c),
          step: (rows) => groupNewtonWeights(state, weights.slice(0, models), train, a.labels, rows, { ...options, stepScale: 1 }, a.compute),
          predict: async (w, rows) => {
            const e = await a.compute.ensembleFromWeights(a.experiment.model, a.inputDim, a.classes, w);
            try {
              return await e.predict('train', rows);
            } finally {
              e.dispose();
              done++;
              const perFold = (performance.now() - started) / 1000 / done;
              a.onProgress({ stage: 'Group Newton: measuring its step length on held-out folds', done, total: folds, secondsLeft: perFold * (folds - done) });
            }
          },
          signal: a.signal,
        });
      }
      return { state, seconds: c.seconds + (performance.now() - t) / 1000, stepScale };
    })();
    ekfacOf.set(c.state, pending);
    pending.catch(() => ekfacOf.delete(c.state));
  }
  return pending;
}

/** Folds of the pool for the step calibration: every point counts once; each fold is 10% of the pool. */
const STEP_CALIBRATION_FOLDS = 10;
/** Models the step calibration measures on (all of them when the ensemble is smaller). */
const STEP_CALIBRATION_MODELS = 8;
