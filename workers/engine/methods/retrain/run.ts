import type { MethodContext, MethodOutput, UnlearningMethod } from '../types';
import { retrainMeta, type retrainParams } from './meta';

/**
 * Retrain: the oracle recipe applied once more (ctx.retrainFromScratch trains exactly as
 * the oracles were, on R, from fresh initialisations). The originals are not used.
 *
 * Steps and examples: retrainFromScratch returns only the ensemble, so they are counted
 * from `ctx.retrainSchedule` (epochs × ⌈|R|/B⌉ steps, the batching of fitCrossEntropy)
 * when the caller provides it; the seconds are measured here either way.
 */
async function run(ctx: MethodContext<Record<string, never>>): Promise<MethodOutput> {
  const start = performance.now();
  const ensemble = await ctx.retrainFromScratch(retrainMeta.label);
  const seconds = (performance.now() - start) / 1000;
  const schedule = ctx.retrainSchedule;
  const notes: string[] = [];
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
