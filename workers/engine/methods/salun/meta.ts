import { z } from 'zod';
import type { MethodMeta } from '../types';
import { randomLabelFields, randomLabelHelp } from '../shared/param-fields';

export const salunParams = z.object({
  /** Share of each model's weights that may move: the most salient for the forget loss (the paper's default keeps half). */
  sparsity: z.number().min(0.01).max(1).default(0.5),
  ...randomLabelFields,
});

/** SalUn (Fan et al., ICLR 2024): random labels through a weight-saliency mask. */
export const salunMeta: MethodMeta<typeof salunParams> = {
  id: 'salun',
  label: 'Saliency unlearning (SalUn)',
  explanation: 'Finds the weights that matter most to the forget set (by the size of its loss gradient) and retrains only those, with random labels on the forget set and the true ones on the retain set.',
  params: salunParams,
  paramHelp: {
    sparsity: 'Fraction of each model’s weights that may change: those with the largest forget-loss gradient.',
    ...randomLabelHelp,
  },
  needs: [],
};
