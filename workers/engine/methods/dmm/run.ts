import type { z } from 'zod';
import type { MethodContext, MethodOutput, UnlearningMethod } from '../types';
import { runMatching } from '../shared/matching-run';
import { dmmMeta, type dmmParams } from './meta';

/**
 * Datamodel matching: the same fine-tune as OM, with each original matched to its own
 * predicted oracle logits ẑ(x) = z_orig(x) − Σ_{i∈F} β_i(x) on the fine-tuning rows.
 * The estimator parameter is read by whoever builds `predictedOracleLogits` (the
 * attribution stage); here it is only reported.
 */
async function run(ctx: MethodContext<z.infer<typeof dmmParams>>): Promise<MethodOutput> {
  const predicted = ctx.predictedOracleLogits;
  if (!predicted) {
    throw new Error('Datamodel matching needs predicted oracle logits from the attribution stage (ctx.predictedOracleLogits), but none were given.');
  }
  const out = await runMatching(ctx, 'dmm', dmmMeta.label, async (rows) => ({ values: await predicted('train', rows), perModel: true }));
  out.notes.unshift(`Targets predicted by ${ctx.params.estimator === 'trak' ? 'TRAK-style gradient attribution' : 'regression datamodels'}.`);
  return out;
}

export const dmmMethod: UnlearningMethod<typeof dmmParams> = { meta: dmmMeta, run };
