import type { z } from 'zod';
import type { ModelWeights } from '../../models/weights';
import { range } from '../../train/batches';
import type { MethodContext, MethodOutput, UnlearningMethod } from '../types';
import { diagonalFisher } from '../shared/loss-gradients';
import { ssdMeta, type ssdParams } from './meta';

/**
 * SSD's rule for one model: a parameter whose forget importance I_F exceeds α·I_D (its
 * importance over all the training data) is scaled by min(λ·I_D/I_F, 1); every other
 * parameter is left exactly as it was. Returns the new weights and how many were touched.
 */
export function dampen(weights: ModelWeights, full: Float32Array[], forget: Float32Array[], alpha: number, lambda: number): { weights: ModelWeights; dampened: number } {
  let dampened = 0;
  const out = weights.map((a, p) =>
    a.map((v, i) => {
      const iF = forget[p][i];
      const iD = full[p][i];
      if (!(iF > alpha * iD)) return v;
      dampened++;
      return v * Math.min((lambda * iD) / iF, 1);
    }),
  );
  return { weights: out, dampened };
}

async function run(ctx: MethodContext<z.infer<typeof ssdParams>>): Promise<MethodOutput> {
  const { trainInputs, ensembleFromWeights } = ctx;
  if (!trainInputs || !ensembleFromWeights) throw new Error('SSD needs the train pool’s inputs and the compute (ctx.trainInputs, ctx.ensembleFromWeights), but none were given.');
  const start = performance.now();
  const spec = ctx.originals.spec;
  const all = range(trainInputs.rows);
  const weights = await ctx.originals.weights();
  const stepped: ModelWeights[] = [];
  let dampened = 0;
  let total = 0;
  for (const [m, w] of weights.entries()) {
    ctx.signal?.throwIfAborted();
    ctx.onProgress?.({ stage: `${ssdMeta.label}: importances of model ${m + 1}`, done: m, total: weights.length, secondsLeft: null });
    const full = await diagonalFisher(spec, w, trainInputs, all, ctx.labels, ctx.classes);
    const forget = await diagonalFisher(spec, w, trainInputs, ctx.forget, ctx.labels, ctx.classes);
    const d = dampen(w, full, forget, ctx.params.alpha, ctx.params.lambda);
    stepped.push(d.weights);
    dampened += d.dampened;
    total += w.reduce((s, a) => s + a.length, 0);
  }
  const ensemble = await ensembleFromWeights(stepped);
  return {
    ensemble,
    cost: { seconds: (performance.now() - start) / 1000, steps: 0, examples: weights.length * (trainInputs.rows + ctx.forget.length) },
    diverged: false,
    notes: [`Dampened ${((100 * dampened) / Math.max(total, 1)).toFixed(2)}% of the weights (α ${ctx.params.alpha}, λ ${ctx.params.lambda}); no training.`],
  };
}

export const ssdMethod: UnlearningMethod<typeof ssdParams> = { meta: ssdMeta, run };
