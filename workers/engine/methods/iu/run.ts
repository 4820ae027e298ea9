import type { z } from 'zod';
import { groupNewtonWeights } from '../../attribution/group-newton';
import { measureCurvature } from '../../experiment/originals-curvature';
import type { MethodContext, MethodOutput, UnlearningMethod } from '../types';
import { iuMeta, type iuParams } from './meta';

/**
 * θ ← θ + H⁻¹ Σ_{i∈F} ∇ℓ_i(θ) / n for every original, with H the K-FAC curvature of the
 * pool (or of R) — attribution/group-newton.ts does the algebra for both. The cost is one
 * forward/backward pass over the pool per model (the curvature) and a few small solves.
 * The curvature is the run's shared one (experiment/originals-curvature.ts): when group
 * Newton's datamodels stage computed it first, IU reuses it, and still counts the seconds
 * it took in its own cost, as if it had computed it alone.
 */
async function run(ctx: MethodContext<z.infer<typeof iuParams>>): Promise<MethodOutput> {
  const { trainInputs, ensembleFromWeights } = ctx;
  if (!trainInputs || !ensembleFromWeights) throw new Error('Influence unlearning needs the train pool’s inputs and the compute (ctx.trainInputs, ctx.ensembleFromWeights), but none were given.');
  const spec = ctx.originals.spec;
  if (spec.kind === 'cnn-s') throw new Error('Influence unlearning steps linear and mlp models; the cnn-s model has no Kronecker-factored curvature here. Choose mlp or linear in Settings.');
  ctx.onProgress?.({ stage: `${iuMeta.label}: curvature of every original`, done: 0, total: 1, secondsLeft: null });
  // Outside a run (no shared curvature), IU computes its own.
  const curvature = ctx.curvature ?? (() => measureCurvature(ctx.originals, trainInputs, ctx.labels));
  const { state, seconds: curvatureSeconds } = await curvature();
  ctx.signal?.throwIfAborted();
  const start = performance.now();
  const weights = await ctx.originals.weights();
  const stepped = await groupNewtonWeights(state, weights, trainInputs, ctx.labels, ctx.forget, ctx.params);
  const diverged = stepped.some((w) => w.some((a) => a.some((v) => !Number.isFinite(v))));
  const ensemble = await ensembleFromWeights(stepped);
  const models = ctx.originals.size;
  return {
    ensemble,
    cost: { seconds: curvatureSeconds + (performance.now() - start) / 1000, steps: 0, examples: models * trainInputs.rows },
    diverged,
    notes: [
      `One Newton step on the ${ctx.params.curvature === 'pool' ? 'whole pool’s' : 'retained data’s'} curvature (K-FAC, damping ${ctx.params.damping}); no training. The curvature took ${curvatureSeconds.toFixed(1)} s of this cost.`,
      ...(diverged ? ['The step produced non-finite weights: raise the damping.'] : []),
    ],
  };
}

export const iuMethod: UnlearningMethod<typeof iuParams> = { meta: iuMeta, run };
