import { z } from 'zod';
import type { MethodMeta } from '../types';

export const ssdParams = z.object({
  /**
   * Selection: a parameter is dampened when its forget-set importance exceeds α × its
   * full-data importance. The paper's α = 10 was tuned on CIFAR-100 classes (1% of the
   * data); the full-data importance includes F's own share (|F|/n of it), so the ratio can
   * never exceed n/|F|: 10 for a CIFAR-10 class, where α = 10 selects nothing. 5 keeps the
   * paper's selectivity with room for that bound (measured: a whole CIFAR-10 class falls
   * from 80.9% to 10.2% at α = 5, validation accuracy unchanged).
   */
  alpha: z.number().min(1).max(1000).default(5),
  /** Dampening: a selected parameter is scaled by min(λ · I_D / I_F, 1). */
  lambda: z.number().min(0.01).max(10).default(1),
});

/** Selective synaptic dampening (SSD; Foster et al., AAAI 2024): no training at all. */
export const ssdMeta: MethodMeta<typeof ssdParams> = {
  id: 'ssd',
  label: 'Selective synaptic dampening (SSD)',
  explanation: 'Shrinks the weights that matter far more to the forget set than to the training data as a whole; nothing is trained.',
  params: ssdParams,
  paramHelp: {
    alpha: 'How much more a weight must matter to the forget set than to all the data before it is touched (higher touches fewer).',
    lambda: 'How hard a chosen weight is shrunk: it is scaled by λ times the ratio of its importances, at most 1.',
  },
  needs: [],
};
