import type { MethodContext, MethodOutput, UnlearningMethod } from '../types';
import { retrainMeta, type retrainParams } from './meta';

/**
 * Retrain: the oracle recipe applied once more, from fresh initialisations, on R. The
 * experiment's second oracle ensemble (the noise floor's) is exactly that, so it is reused
 * and its training time is Retrain's cost; Retrain's KLoM is then the noise floor itself.
 * Steps and examples are counted from the oracles' schedule (epochs × ⌈|R|/B⌉ steps).
 */
async function run(ctx: MethodContext<Record<string, never>>): Promise<MethodOutput> {
  const { ensemble, seconds, reused } = await ctx.retrain(retrainMeta.label);
  const schedule = ctx.retrainSchedule;
  const notes: string[] = [];
  if (reused) notes.push('The second oracle ensemble (trained for the noise floor) is Retrain: same recipe, fresh seeds, so no third ensemble was trained.');
  let steps = 0;
  let examples = 0;
  if (schedule) {
    steps = schedule.epochs * Math.ceil(ctx.retain.length / schedule.batchSize);
    examples = schedule.epochs * ctx.retain.length * ensemble.size;
  } else {
    notes.push('Training schedule unknown: only the time of Retrain is reported.');
  }
  return { ensemble, cost: { seconds, steps, examples }, diverged: false, notes };
}

export const retrainMethod: UnlearningMethod<typeof retrainParams> = { meta: retrainMeta, run };
