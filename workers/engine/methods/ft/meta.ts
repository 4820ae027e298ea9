import { z } from 'zod';
import type { MethodMeta } from '../types';
import { fineTuneFields, fineTuneHelp } from '../shared/param-fields';

export const ftParams = z.object(fineTuneFields);

/** NeurIPS 2023 starting-kit baseline: forgetting only by the drift of further training. */
export const ftMeta: MethodMeta<typeof ftParams> = {
  id: 'ft',
  label: 'Fine-tune (FT)',
  explanation: 'Keeps training on the retain set only, hoping the forget set fades as the model moves on.',
  params: ftParams,
  paramHelp: fineTuneHelp,
  needs: [],
};
