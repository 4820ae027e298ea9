import type { z } from 'zod';
import { scheduleBatches } from '../../train/batches';
import { crossEntropyPerExample, ensembleMean } from '../../train/losses';
import { deriveSeed } from '../../util/rng';
import type { MethodContext, MethodOutput, UnlearningMethod } from '../types';
import { gatherInputs, gatherLabels } from '../shared/batch';
import { runCrossEntropy } from '../shared/cross-entropy-run';
import { ftMeta, type ftParams } from './meta';

/**
 * Fine-tune: more cross-entropy training on R with a cosine learning rate (NeurIPS 2023
 * starting kit). Not fitCrossEntropy, because a fine-tune with a bad step size must be
 * flagged as diverged (lossLimit), which that loop does not set.
 */
async function run(ctx: MethodContext<z.infer<typeof ftParams>>): Promise<MethodOutput> {
  const p = ctx.params;
  const ensemble = ctx.originals;
  const n = ensemble.size;
  const batches = scheduleBatches(ctx.retain, p.batchSize, deriveSeed(ctx.seed, 'ft'), p.epochs);
  return runCrossEntropy(ctx, {
    steps: batches.length,
    learningRate: p.learningRate,
    schedule: 'cosine',
    examplesPerStep: (s) => batches[s].length * n,
    stage: ftMeta.label,
    lossAt: (s) => {
      const logits = ensemble.logits(gatherInputs(ctx.trainInputs, batches[s]));
      return ensembleMean(crossEntropyPerExample(logits, gatherLabels(ctx.labels, batches[s]), ctx.classes), null);
    },
  });
}

export const ftMethod: UnlearningMethod<typeof ftParams> = { meta: ftMeta, run };
