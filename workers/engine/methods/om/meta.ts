import { z } from 'zod';
import type { MethodMeta } from '../types';
import { matchingFields, matchingHelp } from '../shared/param-fields';

export const omParams = z.object(matchingFields);

/** An upper bound for DMM: the same fine-tune, with the real oracle outputs it is meant to avoid. */
export const omMeta: MethodMeta<typeof omParams> = {
  id: 'om',
  label: 'Oracle matching (OM)',
  explanation: 'Fine-tunes the model until its outputs match a retrained oracle’s: an upper bound, since it needs the oracle.',
  params: omParams,
  paramHelp: matchingHelp,
  needs: ['oracles'],
};
