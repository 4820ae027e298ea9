import { z } from 'zod';
import type { MethodMeta } from '../types';
import { randomLabelFields, randomLabelHelp } from '../shared/param-fields';

export const rlParams = z.object(randomLabelFields);

/** Random labels (Golatkar et al.; SalUn's RL): relabel F wrongly and train on it with R. */
export const rlMeta: MethodMeta<typeof rlParams> = {
  id: 'rl',
  label: 'Random labels (RL)',
  explanation: 'Trains on the forget set with random wrong labels, mixed with the retain set, to overwrite what was memorised.',
  params: rlParams,
  paramHelp: randomLabelHelp,
  needs: [],
};
