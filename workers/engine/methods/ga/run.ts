import type { z } from 'zod';
import { tf } from '../../tf';
import { scheduleBatches } from '../../train/batches';
import { crossEntropyPerExample, ensembleMean } from '../../train/losses';
import { deriveSeed } from '../../util/rng';
import type { MethodContext, MethodOutput, UnlearningMethod } from '../types';
import { gatherInputs, gatherLabels } from '../shared/batch';
import { runCrossEntropy } from '../shared/cross-entropy-run';
import { gaMeta, type gaParams } from './meta';

/**
 * Gradient ascent: minimise −CE on F (constant learning rate). The loss is unbounded
 * below, so the run stops, flagged diverged, once the mean forget cross-entropy passes
 * RUNAWAY_CROSS_ENTROPY per model: past that the model is wrecked, not unlearned.
 */
async function run(ctx: MethodContext<z.infer<typeof gaParams>>): Promise<MethodOutput> {
  const p = ctx.params;
  const ensemble = ctx.originals;
  const n = ensemble.size;
  const batches = scheduleBatches(ctx.forget, p.batchSize, deriveSeed(ctx.seed, 'ga'), p.epochs);
  return runCrossEntropy(ctx, {
    steps: batches.length,
    learningRate: p.learningRate,
    schedule: 'constant',
    examplesPerStep: (s) => batches[s].length * n,
    stage: gaMeta.label,
    lossAt: (s) => {
      const logits = ensemble.logits(gatherInputs(ctx.trainInputs, batches[s]));
      return tf.neg(ensembleMean(crossEntropyPerExample(logits, gatherLabels(ctx.labels, batches[s]), ctx.classes), null));
    },
  });
}

export const gaMethod: UnlearningMethod<typeof gaParams> = { meta: gaMeta, run };
