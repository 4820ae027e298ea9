import type { z } from 'zod';
import { scheduleBatches } from '../../train/batches';
import { PlanBuilder, type TrainingPlan } from '../../train/plan';
import { deriveSeed } from '../../util/rng';
import type { MethodContext, MethodOutput, UnlearningMethod } from '../types';
import { concatRows, cyclingBatches } from '../shared/batch';
import { RUNAWAY_CROSS_ENTROPY } from '../shared/outcome';
import { runPlan } from '../shared/run-plan';
import { rlMeta, type rlParams } from './meta';
import { randomWrongLabels } from './random-labels';

/**
 * Random labels: cross-entropy descent on a batch of R (true labels) joined with a batch
 * of F carrying each model's fixed random wrong labels, mean over the joined batch. Steps
 * follow epochs over R; F batches are cycled alongside so F is seen many times.
 */
async function run(ctx: MethodContext<z.infer<typeof rlParams>>): Promise<MethodOutput> {
  return runPlan(ctx, randomLabelsPlan(ctx, ctx.params), rlMeta.label);
}

/** RL's plan (SalUn trains the same plan through its weight mask). */
export function randomLabelsPlan(ctx: MethodContext<unknown>, p: z.infer<typeof rlParams>): TrainingPlan {
  const n = ctx.originals.size;
  const pool = ctx.labels.length;
  const wrong = randomWrongLabels(ctx.forget, ctx.labels, ctx.classes, n, ctx.seed);
  // Per-model label table: the training labels, with each model's wrong labels on F.
  const labels = new Int32Array(n * pool);
  for (let m = 0; m < n; m++) {
    labels.set(ctx.labels, m * pool);
    ctx.forget.forEach((row, i) => (labels[m * pool + row] = wrong[m * ctx.forget.length + i]));
  }
  const retainBatches = scheduleBatches(ctx.retain, p.batchSize, deriveSeed(ctx.seed, 'rl', 'retain'), p.epochs);
  const forgetBatches = cyclingBatches(ctx.forget, p.forgetBatchSize, deriveSeed(ctx.seed, 'rl', 'forget'), retainBatches.length);
  const builder = new PlanBuilder([[{ loss: 'cross-entropy', segment: 0, weight: 1 }]]);
  retainBatches.forEach((r, s) => builder.step(0, concatRows(forgetBatches[s] ?? new Int32Array(0), r)));
  return builder.build({
    learningRate: p.learningRate,
    schedule: 'cosine',
    lossLimit: RUNAWAY_CROSS_ENTROPY,
    labels: { perModel: true, values: labels },
    exampleWeights: null,
    targets: null,
    teacherRows: null,
  });
}

export const rlMethod: UnlearningMethod<typeof rlParams> = { meta: rlMeta, run };
