import { z } from 'zod';
import type { MethodMeta } from '../types';

export const noneParams = z.object({});

/** The reference for "no forgetting": every metric of a method reads against it. */
export const noneMeta: MethodMeta<typeof noneParams> = {
  id: 'none',
  label: 'Do nothing',
  explanation: 'Keeps the original models unchanged: the baseline that has forgotten nothing.',
  params: noneParams,
  paramHelp: {},
  needs: [],
};
