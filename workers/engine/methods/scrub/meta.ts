import { z } from 'zod';
import type { MethodMeta } from '../types';
import { batchSize, epochs, learningRate } from '../shared/param-fields';

export const scrubParams = z.object({
  learningRate: learningRate(5e-4),
  epochs: epochs(3, 10),
  maxEpochs: z.number().int().min(0).max(10).default(2),
  batchSize: batchSize(128),
  forgetBatchSize: batchSize(32),
  alpha: z.number().min(0).max(10).default(1),
  temperature: z.number().min(0.5).max(10).default(4),
});

/** SCRUB (Kurmanji et al. 2023): a student pulled away from its frozen teacher on F, toward it on R. */
export const scrubMeta: MethodMeta<typeof scrubParams> = {
  id: 'scrub',
  label: 'SCRUB',
  explanation: 'A student copy of the model moves away from the original on the forget set while staying close to it on the retain set.',
  params: scrubParams,
  paramHelp: {
    learningRate: 'Adam step size (constant), shared by max and min steps.',
    epochs: 'Rounds; each ends with a pass of min steps over the retain set.',
    maxEpochs: 'The first rounds that also start with a pass of max steps over the forget set.',
    batchSize: 'Retain examples per min step.',
    forgetBatchSize: 'Forget examples per max step.',
    alpha: 'Weight of the retain cross-entropy in min steps: KL(teacher‖student) + α·CE.',
    temperature: 'Softmax temperature of the distillation KL (scaled back by T²).',
  },
  needs: [],
};
