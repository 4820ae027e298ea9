import { z } from 'zod';
import type { MethodMeta } from '../types';

export const retrainParams = z.object({});

/** Exact unlearning: no knobs of its own, it trains exactly as the oracles were trained. */
export const retrainMeta: MethodMeta<typeof retrainParams> = {
  id: 'retrain',
  label: 'Retrain (oracle)',
  explanation: 'Trains new models from scratch without the forget set: exact unlearning, the gold standard, and the most expensive.',
  params: retrainParams,
  paramHelp: {},
  needs: [],
};
