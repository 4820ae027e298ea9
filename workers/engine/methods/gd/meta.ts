import { z } from 'zod';
import type { MethodMeta } from '../types';
import { batchSize, epochs, learningRate } from '../shared/param-fields';

export const gdParams = z.object({
  learningRate: learningRate(1e-3),
  epochs: epochs(2, 10),
  batchSize: batchSize(128),
  forgetBatchSize: batchSize(16),
  alpha: z.number().min(0).max(1).default(0.9),
});

/** NegGrad+ (Kurmanji et al. 2023): the retain term is what keeps GA from wrecking the model. */
export const gdMeta: MethodMeta<typeof gdParams> = {
  id: 'gd',
  label: 'Gradient difference (GD / NegGrad+)',
  explanation: 'Climbs the loss on the forget set while descending it on the retain set, so the model keeps its accuracy.',
  params: gdParams,
  paramHelp: {
    learningRate: 'Adam step size at the start, cosine-decayed to zero.',
    epochs: 'Passes over the retain set; forget batches are cycled alongside.',
    batchSize: 'Retain examples per step.',
    forgetBatchSize: 'Forget examples per step.',
    alpha: 'Loss = α·CE(retain) − (1−α)·CE(forget): 1 is plain fine-tuning, 0 is gradient ascent.',
  },
  needs: [],
};
