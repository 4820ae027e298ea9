import type { z } from 'zod';
import type { MethodContext, MethodOutput, UnlearningMethod } from '../types';
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
    const inForget = new Set(ctx.forget);
    const student = await ctx.predictedOracleModels.clone();
    const out = await runMatching({ ...ctx, originals: student }, 'dmm', dmmMeta.label, async (rows) => {
      const perModel = await predicted('train', rows);
      const pred = shared ? broadcastMean(perModel, student.size, rows.length * ctx.classes) : perModel;
      const orig = await ctx.originals.predict('train', rows);
      const c = ctx.classes;
      for (let m = 0; m < student.size; m++) rows.forEach((r, i) => { if (!inForget.has(r)) pred.set(orig.subarray((m * rows.length + i) * c, (m * rows.length + i + 1) * c), (m * rows.length + i) * c); });
      return { values: pred, perModel: true };
    });
    const onF = shared ? 'to their ensemble mean on F' : 'to them on F';
    out.notes.unshift(`Started from the models ${ESTIMATOR_INFO[ctx.params.estimator].label} predicts, matched ${onF} and to the originals on the retain sample.`);
    return out;
  }
  const out = await runMatching(ctx, 'dmm', dmmMeta.label, async (rows) => {
    const perModel = await predicted('train', rows);
    return shared ? { values: meanOverModels(perModel, ctx.originals.size), perModel: false } : { values: perModel, perModel: true };
  });
  out.notes.unshift(`Targets predicted by ${ESTIMATOR_INFO[ctx.params.estimator].label}.`);
  return out;
}

/** Every model's block replaced by the mean over models: [models × size] in, same shape out. */
function broadcastMean(perModel: Float32Array, models: number, size: number): Float32Array {
  const mean = meanOverModels(perModel, models);
  const out = new Float32Array(models * size);
  for (let m = 0; m < models; m++) out.set(mean, m * size);
  return out;
}

export const dmmMethod: UnlearningMethod<typeof dmmParams> = { meta: dmmMeta, run };
