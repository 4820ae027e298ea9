import type { Ensemble } from '../compute/types';
import type { MethodContext, MethodId, MethodOutput, UnlearningMethod } from './types';
import { retrainMethod } from './retrain/run';
import { noneMethod } from './none/run';
import { ftMethod } from './ft/run';
import { gaMethod } from './ga/run';
import { gdMethod } from './gd/run';
import { rlMethod } from './rl/run';
import { scrubMethod } from './scrub/run';
import { omMethod } from './om/run';
import { dmmMethod } from './dmm/run';
import { dmDirectMethod } from './dm-direct/run';
import { iuMethod } from './iu/run';
import { ssdMethod } from './ssd/run';
import { salunMethod } from './salun/run';
import { l1SparseMethod } from './l1-sparse/run';
import { noisyMethod } from './noisy/run';

/**
 * Ownership of `ctx.originals` (a private clone made for the method): it passes to the
 * method. Whatever the outcome, the caller must not dispose `ctx.originals` itself:
 * - the method returns it as `output.ensemble` (trained in place, or untouched for "do
 *   nothing"), and the caller then owns it as the output; or
 * - the method does not return it (Retrain, DM-direct) or throws (cancel, missing
 *   input), and it is disposed here.
 * One rule in one place, so no method can leak it or free it twice.
 */
function owningOriginals<M extends UnlearningMethod>(method: M): M {
  const run = async (ctx: MethodContext<unknown>): Promise<MethodOutput> => {
    try {
      const out = await method.run(ctx as never);
      if (out.ensemble !== ctx.originals) release(ctx.originals);
      return out;
    } catch (e) {
      release(ctx.originals);
      throw e;
    }
  };
  return { ...method, run } as M;
}

function release(e: Ensemble): void {
  e.dispose(); // idempotent
}

/** The engine side of every method: id → algorithm (the page uses ./registry.ts instead). */
export const RUN_METHODS: { readonly [K in MethodId]: UnlearningMethod } = {
  retrain: owningOriginals(retrainMethod),
  none: owningOriginals(noneMethod),
  ft: owningOriginals(ftMethod),
  ga: owningOriginals(gaMethod),
  gd: owningOriginals(gdMethod),
  rl: owningOriginals(rlMethod),
  scrub: owningOriginals(scrubMethod),
  om: owningOriginals(omMethod),
  dmm: owningOriginals(dmmMethod),
  'dm-direct': owningOriginals(dmDirectMethod),
  iu: owningOriginals(iuMethod),
  ssd: owningOriginals(ssdMethod),
  salun: owningOriginals(salunMethod),
  'l1-sparse': owningOriginals(l1SparseMethod),
  noisy: owningOriginals(noisyMethod),
};

/**
 * Runs method `id` with raw hyperparameters (from the page, a URL or the CLI): defaults
 * are filled and bounds enforced by the method's schema before anything trains.
 */
export function runMethod(id: MethodId, ctx: Omit<MethodContext<unknown>, 'params'> & { params: unknown }): Promise<MethodOutput> {
  const method = RUN_METHODS[id];
  const parsed = method.meta.params.safeParse(ctx.params ?? {});
  if (!parsed.success) {
    release(ctx.originals);
    return Promise.reject(parsed.error);
  }
  return method.run({ ...ctx, params: parsed.data });
}
