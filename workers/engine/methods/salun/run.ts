import type { z } from 'zod';
import type { ModelWeights } from '../../models/weights';
import type { MethodContext, MethodOutput, UnlearningMethod } from '../types';
import { meanGradient } from '../shared/loss-gradients';
import { runPlan } from '../shared/run-plan';
import { randomLabelsPlan } from '../rl/run';
import { salunMeta, type salunParams } from './meta';

/**
 * SalUn's weight saliency for one model: 1 for the `keep` share of weights with the largest
 * |∇θ ℓ_F| (the forget loss's gradient at the original weights), 0 elsewhere, in
 * ModelWeights order. Ties at the threshold are kept.
 */
export function saliencyMask(gradient: Float32Array[], keep: number): Float32Array {
  const total = gradient.reduce((s, g) => s + g.length, 0);
  const size = new Float32Array(total);
  let o = 0;
  for (const g of gradient) for (let i = 0; i < g.length; i++) size[o++] = Math.abs(g[i]);
  const k = Math.max(1, Math.min(total, Math.round(keep * total)));
  const threshold = Float32Array.from(size).sort()[total - k];
  return size.map((v) => (v >= threshold ? 1 : 0));
}

/**
 * SalUn: the saliency mask of every model from its forget-loss gradient, then RL's plan
 * (random wrong labels on F, true labels on R) with only the masked weights updated.
 */
async function run(ctx: MethodContext<z.infer<typeof salunParams>>): Promise<MethodOutput> {
  const { trainInputs } = ctx;
  if (!trainInputs) throw new Error('SalUn needs the train pool’s inputs (ctx.trainInputs), but none were given.');
  const start = performance.now();
  const p = ctx.params;
  const weights: ModelWeights[] = await ctx.originals.weights();
  const perModel = weights[0].reduce((s, a) => s + a.length, 0);
  const mask = new Float32Array(weights.length * perModel);
  for (const [m, w] of weights.entries()) {
    ctx.signal?.throwIfAborted();
    ctx.onProgress?.({ stage: `${salunMeta.label}: saliency of model ${m + 1}`, done: m, total: weights.length, secondsLeft: null });
    mask.set(saliencyMask(await meanGradient(ctx.originals.spec, w, trainInputs, ctx.forget, ctx.labels, ctx.classes), p.sparsity), m * perModel);
  }
  const saliencySeconds = (performance.now() - start) / 1000;
  const plan = { ...randomLabelsPlan(ctx, p), gradient: { mask: { perModel, values: mask }, clipNorm: null, l1: null, noise: null, firstModel: 0 } };
  const moved = mask.reduce((s, v) => s + v, 0) / mask.length;
  const out = await runPlan(ctx, plan, salunMeta.label, [`Updated ${(100 * moved).toFixed(1)}% of the weights (the most salient for the forget loss); saliency took ${saliencySeconds.toFixed(1)} s.`]);
  return { ...out, cost: { ...out.cost, seconds: out.cost.seconds + saliencySeconds, examples: out.cost.examples + weights.length * ctx.forget.length } };
}

export const salunMethod: UnlearningMethod<typeof salunParams> = { meta: salunMeta, run };
