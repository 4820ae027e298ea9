import { deriveSeed } from '../../util/rng';
import type { MethodContext, MethodOutput } from '../types';
import { buildFineTuneSet } from './fine-tune-set';
import { matchingPlan, type MatchingTargets } from './matching';
import { runPlan } from './run-plan';

export interface MatchingParams {
  learningRate: number;
  epochs: number;
  batchSize: number;
  forgetMultiplier: number;
  retainMultiplier: number;
}

/**
 * Whose work fetching the targets is. 'reference': they come from an ensemble already paid
 * for (OM's oracles, whose training is Retrain's cost), so the method's cost is the
 * fine-tune alone. 'method': they are this forget set's own prediction (DMM: the predicted
 * models run on the fine-tuning rows, or datamodel scores summed over F), which unlearning
 * this set cannot skip, so their seconds count in the cost.
 */
export type TargetsCost = 'reference' | 'method';

/**
 * One matching method end to end (OM and DMM differ only in where the targets come
 * from): build the fine-tuning set, fetch its targets, fine-tune the originals in place.
 */
export async function runMatching(
  ctx: MethodContext<MatchingParams>,
  name: string,
  stage: string,
  fetchTargets: (rows: Int32Array) => Promise<MatchingTargets>,
  targetsCost: TargetsCost,
): Promise<MethodOutput> {
  const p = ctx.params;
  const set = buildFineTuneSet(ctx.forget, ctx.retain, p.forgetMultiplier, p.retainMultiplier, deriveSeed(ctx.seed, name));
  const fetchStart = performance.now();
  const targets = await fetchTargets(set.rows);
  const fetchSeconds = (performance.now() - fetchStart) / 1000;
  const plan = matchingPlan({
    set,
    targets,
    models: ctx.originals.size,
    classes: ctx.classes,
    epochs: p.epochs,
    batchSize: p.batchSize,
    learningRate: p.learningRate,
    seed: deriveSeed(ctx.seed, name),
    labels: ctx.labels,
  });
  const notes = [
    `Fine-tuning set: ${set.forgetCount} forget points × ${p.forgetMultiplier} + ${set.retainCount} retain points.`,
    `Targets fetched in ${fetchSeconds.toFixed(2)} s (${targetsCost === 'method' ? 'counted' : 'not counted'} in the cost).`,
  ];
  if (set.retainCount < Math.round(p.retainMultiplier * set.forgetCount)) {
    notes.push(`The retain set has only ${ctx.retain.length} points; all of them were used.`);
  }
  return runPlan(ctx, plan, stage, notes, targetsCost === 'method' ? fetchSeconds : 0);
}
