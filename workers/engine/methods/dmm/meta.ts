import { z } from 'zod';
import type { MethodMeta } from '../types';
import { estimator, matchingFields, matchingHelp } from '../shared/param-fields';

export const dmmParams = z.object({ ...matchingFields, estimator: estimator() });

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
