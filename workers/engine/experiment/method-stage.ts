import { noCache } from '../cache/blob-store';
import { evaluateMethod, mapGroups } from '../metrics';
import { METHOD_METAS, parseMethodParams } from '../methods/registry';
import { runMethod } from '../methods/run-registry';
import type { MethodContext, MethodOutput } from '../methods/types';
import { CancelledError } from '../train/errors';
import type { ProgressFn } from '../train/progress';
import { deriveSeed } from '../util/rng';
import { estimatorOf, type AttributionHandle, type Estimator } from './attribution-stage';
import { ensemblePredictor, evaluateOutputs, type Predictor } from './evaluate-outputs';
import { meanOverModels } from './outputs';
import { trainOrLoadEnsemble } from './reference';
import { referenceRecipe, type References, type StageContext } from './references';
import { groupRemovalScore } from './group-removal';
import type { AttributionCheck, MethodResult } from './results';
import type { Experiment } from './schema';
import type { ExperimentSetup } from './setup';

type Choice = Experiment['methods'][number];

/**
 * Stage 4, for one method: its hyperparameters checked, a private copy of the originals
 * unlearned, then evaluated against the oracles (and the second oracles). A method that
 * fails or diverges is flagged and the run goes on; only a cancel stops it.
 */
export async function runMethodStage(
  choice: Choice,
  s: ExperimentSetup,
  refs: References,
  attributions: Map<Estimator, AttributionHandle>,
  c: StageContext,
): Promise<MethodResult> {
  const meta = METHOD_METAS[choice.id];
  const base: Omit<MethodResult, 'status' | 'outputs' | 'evaluation' | 'cost'> = { id: choice.id, label: meta.label, params: choice.params, notes: [] };
  const failed = (error: string): MethodResult => ({ ...base, status: 'failed', error, cost: { seconds: 0, steps: 0, examples: 0, relativeToRetrain: 0 }, outputs: null, evaluation: null });
  let params: Record<string, unknown>;
  try {
    params = parseMethodParams(choice.id, choice.params);
  } catch (e) {
    c.clock.skip();
    const issues = (e as { issues?: { path: (string | number)[]; message: string }[] }).issues;
    return failed(`Invalid hyperparameters for ${meta.label}: ${issues ? issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : String(e)}`);
  }
  base.params = params;
  const needsDatamodels = meta.needs.includes('datamodels');
  if (needsDatamodels) base.label = `${meta.label} · ${estimatorOf(params)}`;
  const progress = c.clock.progressFor(meta.label);

  let out: MethodOutput;
  let targetSeconds = 0;
  let predictedOracle: { predict: Predictor; ensemble?: import('../compute/types').Ensemble } | undefined;
  let release: (() => void) | undefined;
  try {
    out = await c.clock.timed(`method:${choice.id}`, async () => {
      let predictedOracleLogits: Predictor | undefined;
      let predictedOracleModels: import('../compute/types').Ensemble | undefined;
      const handle = needsDatamodels ? attributions.get(estimatorOf(params)) : undefined;
      if (handle) {
        const p = await handle.predictedOracle(s.resolution.forget, refs.originals.ensemble);
        predictedOracleLogits = p.predict;
        targetSeconds = p.seconds;
        release = p.release;
        predictedOracleModels = p.ensemble;
        predictedOracle = { predict: p.predict, ensemble: p.ensemble };
      }
      const ctx: Omit<MethodContext<unknown>, 'params'> & { params: unknown } = {
        params,
        originals: await refs.originals.ensemble.clone(),
        labels: s.labels,
        classes: s.classes,
        forget: s.resolution.forget,
        retain: s.resolution.retain,
        seed: deriveSeed(s.x.seed, 'method', choice.id),
        retrain: (stage) => retrain(s, refs, c, stage, progress),
        retrainSchedule: { epochs: s.x.training.epochs, batchSize: s.x.training.batchSize },
        oracleLogits: async (rows) => meanOverModels(await refs.oracles.ensemble.predict('train', rows), s.x.ensemble.models),
        predictedOracleLogits,
        predictedOracleModels,
        trainInputs: s.inputs.sets.train,
        curvature: refs.curvature,
        ensembleFromWeights: (w) => c.compute.ensembleFromWeights(s.x.model, s.inputDim, s.classes, w),
        onProgress: progress,
        signal: c.signal,
      };
      return runMethod(choice.id, ctx);
    });
  } catch (e) {
    release?.();
    if (e instanceof CancelledError) throw e;
    return failed((e as Error)?.message ?? String(e));
  }
  try {
    const predictor = out.ensemble ? ensemblePredictor(out.ensemble) : out.predict!;
    const { ev, evaluation, attributionCheck } = await c.clock.within('evaluation', async () => {
      const ev = await evaluateOutputs(s, predictor, s.x.ensemble.models, out.ensemble);
      const evaluation = evaluateMethod({
        unlearned: ev.outputs,
        oracle: refs.oracles.outputs,
        secondOracle: refs.second ? mapGroups((g) => refs.second!.outputs[g].margins) : undefined,
        labels: { forget: s.groupLabels.forget, validation: s.groupLabels.validation },
        seed: deriveSeed(s.x.seed, 'evaluation', choice.id),
      });
      const attributionCheck = predictedOracle ? await checkPrediction(s, refs, predictedOracle, estimatorOf(params)) : undefined;
      return { ev, evaluation, attributionCheck };
    });
    const notes = [...out.notes];
    if (targetSeconds > 0) notes.push(`Predicting the oracle for this forget set took ${targetSeconds.toFixed(2)} s (counted in the cost).`);
    const seconds = out.cost.seconds + targetSeconds;
    return {
      ...base,
      notes,
      status: out.diverged ? 'diverged' : 'ok',
      cost: { ...out.cost, seconds, relativeToRetrain: seconds / refs.oracles.trainSeconds },
      outputs: ev.json,
      evaluation,
      ...(attributionCheck ? { attributionCheck } : {}),
    };
  } finally {
    out.ensemble?.dispose();
    release?.();
  }
}

/**
 * The attribution's own report card on this forget set: its predicted oracles against the
 * real ones (group-removal score) and the accuracies it predicted. Evaluation time, not
 * the method's cost.
 */
async function checkPrediction(s: ExperimentSetup, refs: References, p: { predict: Predictor; ensemble?: import('../compute/types').Ensemble }, estimator: string): Promise<AttributionCheck> {
  const predicted = await evaluateOutputs(s, p.predict, s.x.ensemble.models, p.ensemble ?? null);
  const margins = (o: typeof predicted.outputs) => mapGroups((g) => o[g].margins);
  return {
    estimator,
    groupRemoval: groupRemovalScore(margins(predicted.outputs), margins(refs.originals.outputs), margins(refs.oracles.outputs)),
    predictedAccuracy: mapGroups((g) => mean(predicted.json.accuracy[g])),
  };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

/** Retrain's ensemble: a copy of the second oracles when there are any, else a fresh one. */
async function retrain(s: ExperimentSetup, refs: References, c: StageContext, stage: string, onProgress: ProgressFn) {
  if (refs.second) return { ensemble: await refs.second.ensemble.clone(), seconds: refs.second.trainSeconds, reused: true };
  // Retrain is never cached: its time is the cost every method is measured against.
  const t = await trainOrLoadEnsemble({ ...referenceRecipe(s, c), role: 'retrain', stage, indices: s.resolution.retain, store: noCache, onProgress });
  return { ensemble: t.ensemble, seconds: t.trainSeconds, reused: false };
}
