import type { z } from 'zod';
import { scheduleBatches } from '../../train/batches';
import { PlanBuilder } from '../../train/plan';
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
  const p = ctx.params;
  const builder = new PlanBuilder([[{ loss: 'cross-entropy', segment: 0, weight: 1 }]]);
  for (const batch of scheduleBatches(ctx.retain, p.batchSize, deriveSeed(ctx.seed, 'ft'), p.epochs)) builder.step(0, batch);
  const plan = builder.build({
    learningRate: p.learningRate,
    schedule: 'cosine',
    lossLimit: RUNAWAY_CROSS_ENTROPY,
    labels: sharedLabels(ctx.labels),
    exampleWeights: null,
    targets: null,
    teacherRows: null,
  });
  return runPlan(ctx, plan, ftMeta.label);
}

export const ftMethod: UnlearningMethod<typeof ftParams> = { meta: ftMeta, run };
