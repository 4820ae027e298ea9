import type { z } from 'zod';
import type { MethodContext, MethodOutput, UnlearningMethod } from '../types';
import { ZERO_COST } from '../shared/outcome';
import { dmDirectMeta, type dmDirectParams } from './meta';

/**
 * DM-direct: the predicted oracle logits are the answer (and, where the estimator predicts
 * models, those models). No fine-tuning, so the cost is zero; computing the attribution is
 * the attribution stage's cost, reported there. The originals are not needed (the run
 * registry releases them).
 */
async function run(ctx: MethodContext<z.infer<typeof dmDirectParams>>): Promise<MethodOutput> {
  const predicted = ctx.predictedOracleLogits;
  if (!predicted) {
    throw new Error('DM-direct needs predicted oracle logits from the attribution stage (ctx.predictedOracleLogits), but none were given.');
  }
  // Group Newton predicts the retrained models themselves: evaluate a copy of them, so the
  // scenario measures that need a model (attack success on triggered images, the embedding
  // map) are there too. Their logits are exactly the predicted ones.
  if (ctx.predictedOracleModels) {
    return {
      ensemble: await ctx.predictedOracleModels.clone(),
      cost: { ...ZERO_COST },
      diverged: false,
      notes: ['The predicted retrained models themselves, with no fine-tuning; the cost of the prediction is reported with it.'],
    };
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
