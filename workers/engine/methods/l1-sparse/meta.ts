import { z } from 'zod';
import type { MethodMeta } from '../types';
import { fineTuneFields, fineTuneHelp } from '../shared/param-fields';

export const l1SparseParams = z.object({
  ...fineTuneFields,
  /**
   * γ at the first step: the ℓ1 penalty's weight, decayed linearly to zero (Jia et al.'s
   * schedule). Applied as a proximal step after Adam's, each weight moves towards zero by
   * lr_t·γ_t per step, so γ = 1 shrinks by up to the step size (train/plan.ts). 0.1 kept
   * retain accuracy within 2.5 pp on the sub-population and mislabeled sets; 1 cost 16 pp.
   */
  l1: z.number().min(0).max(10).default(0.1),
});

/** ℓ1-sparse unlearning (Jia et al., NeurIPS 2023): fine-tune on R with a decaying ℓ1 penalty. */
export const l1SparseMeta: MethodMeta<typeof l1SparseParams> = {
  id: 'l1-sparse',
  label: 'ℓ1-sparse fine-tune (ℓ1-sparse)',
  explanation: 'Fine-tunes on the retain set while pulling every weight towards zero (an ℓ1 penalty that fades out), so that what only the forget set needed is pruned away.',
  params: l1SparseParams,
  paramHelp: {
    ...fineTuneHelp,
    l1: 'Weight γ of the ℓ1 penalty at the start: each step pulls every weight towards zero by γ times the step size; γ decays to zero by the last step.',
  },
  needs: [],
};
