import type { z } from 'zod';
import { tf } from '../../tf';
import { scheduleBatches } from '../../train/batches';
import { crossEntropyPerExample, ensembleMean } from '../../train/losses';
import { deriveSeed } from '../../util/rng';
import type { MethodContext, MethodOutput, UnlearningMethod } from '../types';
import { concatRows, cyclingBatches, gatherInputs, gatherLabels } from '../shared/batch';
import { runCrossEntropy } from '../shared/cross-entropy-run';
import { gdMeta, type gdParams } from './meta';

/**
 * Gradient difference (NegGrad+): minimise α·CE(R batch) − (1−α)·CE(F batch), each a
 * per-model mean. Steps follow epochs over R (as the reference code zips the retain
 * loader with a cycled forget loader); F and R go through one forward pass together.
 * The ascent term is unbounded, hence the same runaway limit as GA.
 */
async function run(ctx: MethodContext<z.infer<typeof gdParams>>): Promise<MethodOutput> {
  const p = ctx.params;
  const ensemble = ctx.originals;
  const n = ensemble.size;
  const retainBatches = scheduleBatches(ctx.retain, p.batchSize, deriveSeed(ctx.seed, 'gd', 'retain'), p.epochs);
  const forgetBatches = cyclingBatches(ctx.forget, p.forgetBatchSize, deriveSeed(ctx.seed, 'gd', 'forget'), retainBatches.length);
  return runCrossEntropy(ctx, {
    steps: retainBatches.length,
    learningRate: p.learningRate,
    schedule: 'cosine',
    examplesPerStep: (s) => (retainBatches[s].length + (forgetBatches[s]?.length ?? 0)) * n,
    stage: gdMeta.label,
    lossAt: (s) => {
      const f = forgetBatches[s] ?? new Int32Array(0);
      const r = retainBatches[s];
      const rows = concatRows(f, r);
      const ce = crossEntropyPerExample(ensemble.logits(gatherInputs(ctx.trainInputs, rows)), gatherLabels(ctx.labels, rows), ctx.classes);
      const retainLoss = ensembleMean(tf.slice(ce, [0, f.length], [n, r.length]), null);
      if (f.length === 0) return tf.mul(p.alpha, retainLoss);
      const forgetLoss = ensembleMean(tf.slice(ce, [0, 0], [n, f.length]), null);
      return tf.sub(tf.mul(p.alpha, retainLoss), tf.mul(1 - p.alpha, forgetLoss));
    },
  });
}

export const gdMethod: UnlearningMethod<typeof gdParams> = { meta: gdMeta, run };
