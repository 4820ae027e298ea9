import type { z } from 'zod';
import type { MethodContext, MethodOutput, UnlearningMethod } from '../types';
import { ZERO_COST } from '../shared/outcome';
import { dmDirectMeta, type dmDirectParams } from './meta';

/**
 * DM-direct: no model, the predicted oracle logits are the answer. No fine-tuning, so
 * the cost is zero; computing the attribution is the attribution stage's cost, reported
 * there. The originals are not needed (the run registry releases them).
 */
async function run(ctx: MethodContext<z.infer<typeof dmDirectParams>>): Promise<MethodOutput> {
  const predicted = ctx.predictedOracleLogits;
  if (!predicted) {
    throw new Error('DM-direct needs predicted oracle logits from the attribution stage (ctx.predictedOracleLogits), but none were given.');
  }
  return {
    ensemble: null,
    predict: (set, rows) => predicted(set, rows),
    cost: { ...ZERO_COST },
    diverged: false,
    notes: ['Predictions only: there is no unlearned model to deploy, and the cost of attribution is reported separately.'],
  };
}

export const dmDirectMethod: UnlearningMethod<typeof dmDirectParams> = { meta: dmDirectMeta, run };
