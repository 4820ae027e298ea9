import { z } from 'zod';
import type { MethodMeta } from '../types';
import { batchSize, epochs, learningRate } from '../shared/param-fields';

export const rlParams = z.object({
  learningRate: learningRate(1e-3),
  epochs: epochs(2, 10),
  batchSize: batchSize(128),
  forgetBatchSize: batchSize(8),
});

/** Random labels (Golatkar et al.; SalUn's RL): relabel F wrongly and train on it with R. */
export const rlMeta: MethodMeta<typeof rlParams> = {
  id: 'rl',
  label: 'Random labels (RL)',
  explanation: 'Trains on the forget set with random wrong labels, mixed with the retain set, to overwrite what was memorised.',
  params: rlParams,
  paramHelp: {
    learningRate: 'Adam step size at the start, cosine-decayed to zero.',
    epochs: 'Passes over the retain set; relabelled forget batches are cycled alongside.',
    batchSize: 'Retain examples per step.',
    forgetBatchSize: 'Relabelled forget examples added to each step.',
  },
  needs: [],
};
