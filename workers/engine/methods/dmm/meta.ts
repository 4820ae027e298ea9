import { z } from 'zod';
import type { MethodMeta } from '../types';
import { epochs, estimator, matchingFields, matchingHelp, retainMultiplier } from '../shared/param-fields';

/**
 * OM's recipe, re-tuned for predicted targets: more passes over a smaller fine-tuning set
 * (8 epochs, 5 retain points per forget point instead of 10 and 10). Measured with
 * TRAK-last-layer, N = 8: on random-forget the U-LiRA AUC went 0.609 → 0.605 and the
 * cost 15.7% → 6.6% of Retrain; see the README's DMM section for the other presets.
 */
export const dmmParams = z.object({ ...matchingFields, epochs: epochs(8, 40), retainMultiplier: retainMultiplier(5), estimator: estimator() });

/** Datamodel matching (Georgiev et al. 2024): OM with the oracle replaced by its prediction. */
export const dmmMeta: MethodMeta<typeof dmmParams> = {
  id: 'dmm',
  label: 'Datamodel matching (DMM)',
  explanation: 'Predicts what a retrained model would output from data attribution, then fine-tunes the model to match it.',
  params: dmmParams,
  paramHelp: {
    ...matchingHelp,
    estimator: 'Attribution that predicts the oracle: regression datamodels (accurate) or TRAK-style gradients (cheap).',
  },
  needs: ['datamodels'],
};
