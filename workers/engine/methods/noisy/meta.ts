import { z } from 'zod';
import type { MethodMeta } from '../types';
import { fineTuneFields, fineTuneHelp } from '../shared/param-fields';

export const noisyParams = z.object({
  ...fineTuneFields,
  /** C: each step's gradient (per model) is scaled down to at most this ℓ2 norm. */
  clipNorm: z.number().min(1e-3).max(100).default(1),
  /** σ: Gaussian noise of std σ·C is added to every gradient entry after clipping. */
  noise: z.number().min(0).max(10).default(0.01),
});

/** Noisy descent (EasyDUB's baseline; in the spirit of certified unlearning): clipped, noised descent on R. */
export const noisyMeta: MethodMeta<typeof noisyParams> = {
  id: 'noisy',
  label: 'Noisy descent',
  explanation: 'Fine-tunes on the retain set with each step’s gradient clipped and Gaussian noise added, the cheap stand-in for certified unlearning: the noise hides what the forget set contributed.',
  params: noisyParams,
  paramHelp: {
    ...fineTuneHelp,
    clipNorm: 'C: the largest ℓ2 norm a step’s gradient may have (per model).',
    noise: 'σ: the noise added to each gradient entry has standard deviation σ·C.',
  },
  needs: [],
};
