import type { z } from 'zod';
import { scheduleBatches } from '../../train/batches';
import { PlanBuilder } from '../../train/plan';
import { deriveSeed } from '../../util/rng';
import type { MethodContext, MethodOutput, UnlearningMethod } from '../types';
import { sharedLabels } from '../shared/batch';
import { RUNAWAY_CROSS_ENTROPY } from '../shared/outcome';
import { runPlan } from '../shared/run-plan';
import { gaMeta, type gaParams } from './meta';

/**
 * Gradient ascent: minimise −CE on F (constant learning rate). The loss is unbounded
 * below, so a model stops, flagged diverged, once its mean forget cross-entropy passes
 * RUNAWAY_CROSS_ENTROPY: past that the model is wrecked, not unlearned.
 */
async function run(ctx: MethodContext<z.infer<typeof gaParams>>): Promise<MethodOutput> {
  const p = ctx.params;
  const builder = new PlanBuilder([[{ loss: 'cross-entropy', segment: 0, weight: -1 }]]);
  for (const batch of scheduleBatches(ctx.forget, p.batchSize, deriveSeed(ctx.seed, 'ga'), p.epochs)) builder.step(0, batch);
  const plan = builder.build({
    learningRate: p.learningRate,
    schedule: 'constant',
    lossLimit: RUNAWAY_CROSS_ENTROPY,
    labels: sharedLabels(ctx.labels),
    exampleWeights: null,
    targets: null,
    teacherRows: null,
  });
  return runPlan(ctx, plan, gaMeta.label);
}

export const gaMethod: UnlearningMethod<typeof gaParams> = { meta: gaMeta, run };
