import type { z } from 'zod';
import type { MethodContext, MethodOutput, UnlearningMethod } from '../types';
import type { MatchingTargets } from '../shared/matching';
import { meanOverModels } from '../../experiment/outputs';
import { ESTIMATOR_INFO } from '../../attribution/meta';
import { runMatching } from '../shared/matching-run';
import { dmmMeta, type dmmParams } from './meta';
import { fitMatchingToBudget } from './budget';

/**
 * Datamodel matching: the same fine-tune as OM, with each original matched to its own
 * predicted oracle logits ẑ(x) = z_orig(x) − Σ_{i∈F} β_i(x) on the fine-tuning rows.
 * The estimator parameter is read by whoever builds `predictedOracleLogits` (the
 * attribution stage); here it is only reported.
 */
async function run(given: MethodContext<z.infer<typeof dmmParams>>): Promise<MethodOutput> {
  const schedule = given.retrainSchedule;
  const fit = schedule ? fitMatchingToBudget(given.params, given.forget.length, given.retain.length, schedule.epochs * given.retain.length, given.params.budget) : null;
  const ctx = fit?.note ? { ...given, params: { ...given.params, epochs: fit.epochs, forgetMultiplier: fit.forgetMultiplier } } : given;
  const out = await matchPredictions(ctx);
  if (fit?.note) out.notes.unshift(fit.note);
  return out;
}

async function matchPredictions(ctx: MethodContext<z.infer<typeof dmmParams>>): Promise<MethodOutput> {
  const predicted = ctx.predictedOracleLogits;
  if (!predicted) {
    throw new Error('Datamodel matching needs predicted oracle logits from the attribution stage (ctx.predictedOracleLogits), but none were given.');
  }
  const shared = ctx.params.targets === 'ensemble';
  if (ctx.params.start === 'prediction' && ctx.predictedOracleModels) {
    const student = await ctx.predictedOracleModels.clone();
    const out = await runMatching({ ...ctx, originals: student }, 'dmm', dmmMeta.label, (rows) => startTargets(ctx, predicted, rows, shared), 'method');
    const onF = shared ? 'to their ensemble mean on F' : 'to them on F';
    out.notes.unshift(`Started from the models ${ESTIMATOR_INFO[ctx.params.estimator].label} predicts, matched ${onF} and to the originals on the retain sample.`);
    return out;
  }
  const out = await runMatching(
    ctx,
    'dmm',
    dmmMeta.label,
    async (rows) => {
      const perModel = await predicted('train', rows);
      return shared ? { values: meanOverModels(perModel, ctx.originals.size), perModel: false } : { values: perModel, perModel: true };
    },
    'method',
  );
  out.notes.unshift(`Targets predicted by ${ESTIMATOR_INFO[ctx.params.estimator].label}.`);
  return out;
}

/**
 * The targets when DMM starts from the predicted models: their own logits on F (or their
 * mean), the originals' on the retain sample. Each ensemble runs only on the rows it
 * answers for: both are this forget set's work, counted in DMM's cost.
 */
async function startTargets(ctx: MethodContext<z.infer<typeof dmmParams>>, predicted: NonNullable<MethodContext<unknown>['predictedOracleLogits']>, rows: Int32Array, shared: boolean): Promise<MatchingTargets> {
  const inForget = new Set(ctx.forget);
  const at: number[][] = [[], []];
  rows.forEach((r, i) => at[inForget.has(r) ? 0 : 1].push(i));
  const pick = (which: number[]) => Int32Array.from(which, (i) => rows[i]);
  const models = ctx.originals.size;
  const c = ctx.classes;
  const forgetTargets = at[0].length ? await predicted('train', pick(at[0])) : new Float32Array(0);
  const onForget = shared ? broadcastMean(forgetTargets, models, at[0].length * c) : forgetTargets;
  const onRetain = at[1].length ? await ctx.originals.predict('train', pick(at[1])) : new Float32Array(0);
  const values = new Float32Array(models * rows.length * c);
  for (const [part, from] of [onForget, onRetain].entries()) {
    const n = at[part].length;
    for (let m = 0; m < models; m++) at[part].forEach((i, k) => values.set(from.subarray((m * n + k) * c, (m * n + k + 1) * c), (m * rows.length + i) * c));
  }
  return { values, perModel: true };
}

/** Every model's block replaced by the mean over models: [models × size] in, same shape out. */
function broadcastMean(perModel: Float32Array, models: number, size: number): Float32Array {
  const mean = meanOverModels(perModel, models);
  const out = new Float32Array(models * size);
  for (let m = 0; m < models; m++) out.set(mean, m * size);
  return out;
}

export const dmmMethod: UnlearningMethod<typeof dmmParams> = { meta: dmmMeta, run };
