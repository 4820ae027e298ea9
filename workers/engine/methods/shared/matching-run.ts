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
 * One matching method end to end (OM and DMM differ only in where the targets come
 * from): build the fine-tuning set, fetch its targets, fine-tune the originals in place.
 *
 * The reported cost is the fine-tuning alone: fetching targets is the oracle's cost (OM)
 * or the attribution stage's (DMM), which the lab reports separately. Its time is noted.
 */
export async function runMatching(
  ctx: MethodContext<MatchingParams>,
  name: string,
  stage: string,
  fetchTargets: (rows: Int32Array) => Promise<MatchingTargets>,
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
    `Targets fetched in ${fetchSeconds.toFixed(2)} s (not counted in the cost).`,
  ];
  if (set.retainCount < Math.round(p.retainMultiplier * set.forgetCount)) {
    notes.push(`The retain set has only ${ctx.retain.length} points; all of them were used.`);
  }
  return runPlan(ctx, plan, stage, notes);
}
