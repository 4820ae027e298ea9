import type { z } from 'zod';
import { PlanBuilder, type TrainingPlan } from '../../train/plan';
import type { MethodContext, MethodOutput, UnlearningMethod } from '../types';
import { concatRows, sharedLabels } from '../shared/batch';
import { RUNAWAY_CROSS_ENTROPY } from '../shared/outcome';
import { runPlan } from '../shared/run-plan';
import { scrubMeta, type scrubParams } from './meta';
import { scrubPlan } from './plan';

type ScrubParams = z.infer<typeof scrubParams>;

/**
 * SCRUB's alternation on the student (the originals, in place): max steps minimise
 * −KL(teacher‖student) on F; min steps minimise KL(teacher‖student) + α·CE on R.
 *
 * The teacher is the original, frozen: the plan's `teacherRows` make the engine record the
 * starting model's logits on F ∪ R before the first step, so the teacher is a constant
 * table with no parameters. That makes the published bug (an optimiser that updated the
 * teacher, so the student never changed) impossible by construction, and saves a teacher
 * forward pass per step. Its one pass counts in SCRUB's time.
 */
export function scrubTrainingPlan(forget: Int32Array, retain: Int32Array, labels: Uint8Array, p: ScrubParams, seed: number): TrainingPlan {
  const MAX = 0;
  const MIN = 1;
  const builder = new PlanBuilder([
    [{ loss: 'distillation', segment: 0, weight: -1, temperature: p.temperature }],
    [
      { loss: 'distillation', segment: 0, weight: 1, temperature: p.temperature },
      { loss: 'cross-entropy', segment: 0, weight: p.alpha },
    ],
  ]);
  for (const step of scrubPlan(forget, retain, p, seed)) builder.step(step.kind === 'max' ? MAX : MIN, step.rows);
  return builder.build({
    learningRate: p.learningRate,
    schedule: 'constant',
    lossLimit: RUNAWAY_CROSS_ENTROPY,
    labels: sharedLabels(labels),
    exampleWeights: null,
    targets: null,
    teacherRows: concatRows(forget, retain),
  });
}

async function run(ctx: MethodContext<ScrubParams>): Promise<MethodOutput> {
  return runPlan(ctx, scrubTrainingPlan(ctx.forget, ctx.retain, ctx.labels, ctx.params, ctx.seed), scrubMeta.label);
}

export const scrubMethod: UnlearningMethod<typeof scrubParams> = { meta: scrubMeta, run };
