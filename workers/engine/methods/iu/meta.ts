import { z } from 'zod';
import type { MethodMeta } from '../types';

export const iuParams = z.object({
  /** Relative Tikhonov damping of each Kronecker factor of the curvature (× its mean eigenvalue). */
  damping: z.number().min(1e-3).max(100).default(1),
  /** Which layers take the step. */
  layers: z.enum(['all', 'last']).default('all'),
  /** Whose curvature: the whole pool's (classic influence removal) or the retain set's (group Newton on the weights). */
  curvature: z.enum(['pool', 'retain']).default('pool'),
});

/**
 * Influence unlearning (IU; Koh & Liang 2017, DeepUnlearn's IU baseline): one Newton step on
 * the weights, no training. Beside DMM because it is attribution applied to the weights
 * rather than to the outputs.
 */
export const iuMeta: MethodMeta<typeof iuParams> = {
  id: 'iu',
  label: 'Influence unlearning (IU)',
  explanation: 'One Newton step on the weights that undoes the forget set’s pull, using the training data’s curvature; nothing is trained.',
  params: iuParams,
  paramHelp: {
    damping: 'Added to the curvature, relative to its average: larger takes a shorter, safer step.',
    layers: 'Step every layer, or only the output layer.',
    curvature: 'The whole training pool’s curvature (the classic influence removal), or the retained data’s (sees a coherent group as a group).',
  },
  needs: [],
};
