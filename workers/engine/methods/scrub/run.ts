import type { z } from 'zod';
import { tf } from '../../tf';
import type { Ensemble } from '../../models/ensemble';
import { crossEntropyPerExample, ensembleMean } from '../../train/losses';
import { optimize, type OptimizeResult } from '../../train/optimize';
import type { ProgressFn } from '../../train/progress';
import type { MethodContext, MethodOutput, UnlearningMethod } from '../types';
import { concatRows, gatherInputs, gatherLabels } from '../shared/batch';
import { outputFromRun, RUNAWAY_CROSS_ENTROPY } from '../shared/outcome';
import { distillKl } from './losses';
import { scrubMeta, type scrubParams } from './meta';
import { scrubPlan } from './plan';
import { freezeTeacher, type FrozenTeacher } from './teacher';

type ScrubParams = z.infer<typeof scrubParams>;

export interface ScrubTrainArgs {
  student: Ensemble;
  teacher: FrozenTeacher;
  inputs: tf.Tensor;
  labels: Uint8Array;
  forget: Int32Array;
  retain: Int32Array;
  params: ScrubParams;
  seed: number;
  onProgress?: ProgressFn;
  signal?: AbortSignal;
}

/**
 * SCRUB's alternation on the student (in place): max steps minimise −KL(teacher‖student)
 * on F; min steps minimise KL(teacher‖student) + α·CE on R. Only the student's variables
 * are in the optimiser's list; the teacher is a constant table.
 */
export async function scrubTrain(a: ScrubTrainArgs): Promise<OptimizeResult> {
  const p = a.params;
  const n = a.student.size;
  const steps = scrubPlan(a.forget, a.retain, p, a.seed);
  return optimize({
    ensemble: a.student,
    steps: steps.length,
    learningRate: p.learningRate,
    schedule: 'constant',
    examplesPerStep: (s) => steps[s].rows.length * n,
    stage: scrubMeta.label,
    onProgress: a.onProgress,
    signal: a.signal,
    lossLimit: n * RUNAWAY_CROSS_ENTROPY,
    lossAt: (s) => {
      const { kind, rows } = steps[s];
      const student = a.student.logits(gatherInputs(a.inputs, rows));
      const kl = ensembleMean(distillKl(a.teacher.gather(rows), student, p.temperature), null);
      if (kind === 'max') return tf.neg(kl);
      const ce = ensembleMean(crossEntropyPerExample(student, gatherLabels(a.labels, rows), student.shape[2]), null);
      return tf.add(kl, tf.mul(p.alpha, ce));
    },
  });
}

/** The teacher's one forward pass over F ∪ R is part of SCRUB's time (not of its steps). */
async function run(ctx: MethodContext<ScrubParams>): Promise<MethodOutput> {
  const start = performance.now();
  const teacher = await freezeTeacher(ctx.originals, ctx.trainInputs, concatRows(ctx.forget, ctx.retain));
  const freezeSeconds = (performance.now() - start) / 1000;
  try {
    const result = await scrubTrain({
      student: ctx.originals,
      teacher,
      inputs: ctx.trainInputs,
      labels: ctx.labels,
      forget: ctx.forget,
      retain: ctx.retain,
      params: ctx.params,
      seed: ctx.seed,
      onProgress: ctx.onProgress,
      signal: ctx.signal,
    });
    return await outputFromRun(ctx.originals, result, [], freezeSeconds);
  } finally {
    teacher.dispose();
  }
}

export const scrubMethod: UnlearningMethod<typeof scrubParams> = { meta: scrubMeta, run };
