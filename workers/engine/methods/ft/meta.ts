import { z } from 'zod';
import type { MethodMeta } from '../types';
import { batchSize, epochs, learningRate } from '../shared/param-fields';

export const ftParams = z.object({
  learningRate: learningRate(3e-3),
  epochs: epochs(2, 10),
  batchSize: batchSize(128),
});

/** NeurIPS 2023 starting-kit baseline: forgetting only by the drift of further training. */
export const ftMeta: MethodMeta<typeof ftParams> = {
  id: 'ft',
  label: 'Fine-tune (FT)',
  explanation: 'Keeps training on the retain set only, hoping the forget set fades as the model moves on.',
  params: ftParams,
  paramHelp: {
    learningRate: 'Adam step size at the start, cosine-decayed to zero.',
    epochs: 'Passes over the retain set.',
    batchSize: 'Retain examples per step.',
  },
  needs: [],
};
