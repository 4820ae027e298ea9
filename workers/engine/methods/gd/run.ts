import type { z } from 'zod';
import { scheduleBatches } from '../../train/batches';
import { PlanBuilder } from '../../train/plan';
import { deriveSeed } from '../../util/rng';
import type { MethodContext, MethodOutput, UnlearningMethod } from '../types';
import { cyclingBatches, sharedLabels } from '../shared/batch';
import { RUNAWAY_CROSS_ENTROPY } from '../shared/outcome';
import { runPlan } from '../shared/run-plan';
import { gdMeta, type gdParams } from './meta';

/**
 * Gradient difference (NegGrad+): minimise α·CE(R batch) − (1−α)·CE(F batch), each a
 * per-model mean. Steps follow epochs over R (as the reference code zips the retain
 * loader with a cycled forget loader). The ascent term is unbounded, hence the same
 * runaway limit as GA.
 */
async function run(ctx: MethodContext<z.infer<typeof gdParams>>): Promise<MethodOutput> {
  const p = ctx.params;
  const retainBatches = scheduleBatches(ctx.retain, p.batchSize, deriveSeed(ctx.seed, 'gd', 'retain'), p.epochs);
  const forgetBatches = cyclingBatches(ctx.forget, p.forgetBatchSize, deriveSeed(ctx.seed, 'gd', 'forget'), retainBatches.length);
  const BOTH = 0;
  const RETAIN_ONLY = 1;
  const builder = new PlanBuilder([
    [
      { loss: 'cross-entropy', segment: 1, weight: p.alpha },
      { loss: 'cross-entropy', segment: 0, weight: -(1 - p.alpha) },
    ],
    [{ loss: 'cross-entropy', segment: 0, weight: p.alpha }],
  ]);
  retainBatches.forEach((r, s) => (forgetBatches[s] ? builder.step(BOTH, forgetBatches[s], r) : builder.step(RETAIN_ONLY, r)));
  const plan = builder.build({
    learningRate: p.learningRate,
    schedule: 'cosine',
    lossLimit: RUNAWAY_CROSS_ENTROPY,
    labels: sharedLabels(ctx.labels),
    exampleWeights: null,
    targets: null,
    teacherRows: null,
  });
  return runPlan(ctx, plan, gdMeta.label);
}

export const gdMethod: UnlearningMethod<typeof gdParams> = { meta: gdMeta, run };
