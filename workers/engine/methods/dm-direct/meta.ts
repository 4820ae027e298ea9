import { z } from 'zod';
import type { MethodMeta } from '../types';
import { estimator } from '../shared/param-fields';

export const dmDirectParams = z.object({ estimator: estimator() });

/** The predicted oracle outputs themselves: an instant preview, no model to deploy. */
export const dmDirectMeta: MethodMeta<typeof dmDirectParams> = {
  id: 'dm-direct',
  label: 'Datamodel prediction (DM-direct)',
  explanation: 'Shows the outputs attribution predicts a retrained model would give, without training anything.',
  params: dmDirectParams,
  paramHelp: {
    estimator: 'What predicts the retrained models: group Newton (a step on the retained data’s curvature; sees a coherent group as a group), regression datamodels, or TRAK-style gradients.',
  },
  needs: ['datamodels'],
};
