import type { MethodContext, MethodOutput, UnlearningMethod } from '../types';
import { ZERO_COST } from '../shared/outcome';
import { noneMeta, type noneParams } from './meta';

/** Do nothing: the originals as they are, at no cost. */
async function run(ctx: MethodContext<Record<string, never>>): Promise<MethodOutput> {
  return { ensemble: ctx.originals, cost: { ...ZERO_COST }, diverged: false, notes: [] };
}

export const noneMethod: UnlearningMethod<typeof noneParams> = { meta: noneMeta, run };
