import type { z } from 'zod';
import { scheduleBatches } from '../../train/batches';
import { PlanBuilder, type TrainingPlan } from '../../train/plan';
import { deriveSeed } from '../../util/rng';
import type { MethodContext, MethodOutput, UnlearningMethod } from '../types';
import { sharedLabels } from '../shared/batch';
import { RUNAWAY_CROSS_ENTROPY } from '../shared/outcome';
import { runPlan } from '../shared/run-plan';
import { ftMeta, type ftParams } from './meta';

/**
 * Fine-tune: more cross-entropy training on R with a cosine learning rate (NeurIPS 2023
 * starting kit). A fine-tune with a bad step size is flagged diverged (the runaway limit).
 */
async function run(ctx: MethodContext<z.infer<typeof ftParams>>): Promise<MethodOutput> {
  return runPlan(ctx, fineTunePlan(ctx, ctx.params, 'ft'), ftMeta.label);
}

/** FT's plan: cross-entropy epochs over R (ℓ1-sparse and noisy descent change its gradient). */
export function fineTunePlan(ctx: MethodContext<unknown>, p: z.infer<typeof ftParams>, seedTag: string): TrainingPlan {
  const builder = new PlanBuilder([[{ loss: 'cross-entropy', segment: 0, weight: 1 }]]);
  for (const batch of scheduleBatches(ctx.retain, p.batchSize, deriveSeed(ctx.seed, seedTag), p.epochs)) builder.step(0, batch);
  return builder.build({
    learningRate: p.learningRate,
    schedule: 'cosine',
    lossLimit: RUNAWAY_CROSS_ENTROPY,
    labels: sharedLabels(ctx.labels),
    exampleWeights: null,
    targets: null,
    teacherRows: null,
  });
}

export const ftMethod: UnlearningMethod<typeof ftParams> = { meta: ftMeta, run };
