import type { z } from 'zod';
import type { MethodContext, MethodOutput, UnlearningMethod } from '../types';
import { runMatching } from '../shared/matching-run';
import { omMeta, type omParams } from './meta';

/**
 * Oracle matching: the matching fine-tune with the oracles' mean logits as targets, one
 * target shared by every original (algorithms.md: "mean over the oracles given").
 */
async function run(ctx: MethodContext<z.infer<typeof omParams>>): Promise<MethodOutput> {
  const oracleLogits = ctx.oracleLogits;
  if (!oracleLogits) throw new Error('Oracle matching needs the oracles’ logits (ctx.oracleLogits), but none were given.');
  return runMatching(ctx, 'om', omMeta.label, async (rows) => ({ values: await oracleLogits(rows), perModel: false }), 'reference');
}

export const omMethod: UnlearningMethod<typeof omParams> = { meta: omMeta, run };
