import { z } from 'zod';
import type { MethodMeta } from '../types';
import { batchSize, epochs, learningRate } from '../shared/param-fields';

export const gaParams = z.object({
  learningRate: learningRate(1e-4),
  epochs: epochs(5, 50),
  batchSize: batchSize(32),
});

/** Gradient ascent on F alone: cheap and direct, but nothing holds the rest of the model in place. */
export const gaMeta: MethodMeta<typeof gaParams> = {
  id: 'ga',
  label: 'Gradient ascent (GA)',
  explanation: 'Pushes the loss on the forget set up, with nothing to protect what the model knows about the rest.',
  params: gaParams,
  paramHelp: {
    learningRate: 'Adam step size (constant). Ascent runs away quickly: keep it small.',
    epochs: 'Passes over the forget set.',
    batchSize: 'Forget examples per step.',
  },
  needs: [],
};
