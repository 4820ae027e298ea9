import type { z } from 'zod';
import { tf } from '../../tf';
import { scheduleBatches } from '../../train/batches';
import { crossEntropyPerExample, ensembleMean } from '../../train/losses';
import { deriveSeed } from '../../util/rng';
import type { MethodContext, MethodOutput, UnlearningMethod } from '../types';
import { concatRows, cyclingBatches, gatherInputs } from '../shared/batch';
import { runCrossEntropy } from '../shared/cross-entropy-run';
import { rlMeta, type rlParams } from './meta';
import { randomWrongLabels } from './random-labels';

/**
 * Random labels: cross-entropy descent on a batch of R (true labels) joined with a batch
 * of F carrying each model's fixed random wrong labels, mean over the joined batch. Steps
 * follow epochs over R; F batches are cycled alongside so F is seen many times.
 */
async function run(ctx: MethodContext<z.infer<typeof rlParams>>): Promise<MethodOutput> {
  const p = ctx.params;
  const ensemble = ctx.originals;
  const n = ensemble.size;
  const nf = ctx.forget.length;
  const wrong = randomWrongLabels(ctx.forget, ctx.labels, ctx.classes, n, ctx.seed);
  const forgetPos = new Int32Array(ctx.labels.length).fill(-1);
  ctx.forget.forEach((row, i) => (forgetPos[row] = i));
  const retainBatches = scheduleBatches(ctx.retain, p.batchSize, deriveSeed(ctx.seed, 'rl', 'retain'), p.epochs);
  const forgetBatches = cyclingBatches(ctx.forget, p.forgetBatchSize, deriveSeed(ctx.seed, 'rl', 'forget'), retainBatches.length);

  /** Labels [N, B] for one joined batch: forget rows relabelled per model, retain rows as trained. */
  const labelsFor = (rows: Int32Array): Int32Array => {
    const out = new Int32Array(n * rows.length);
    for (let m = 0; m < n; m++) {
      for (let i = 0; i < rows.length; i++) {
        const f = forgetPos[rows[i]];
        out[m * rows.length + i] = f >= 0 ? wrong[m * nf + f] : ctx.labels[rows[i]];
      }
    }
    return out;
  };

  return runCrossEntropy(ctx, {
    steps: retainBatches.length,
    learningRate: p.learningRate,
    schedule: 'cosine',
    examplesPerStep: (s) => (retainBatches[s].length + (forgetBatches[s]?.length ?? 0)) * n,
    stage: rlMeta.label,
    lossAt: (s) => {
      const rows = concatRows(forgetBatches[s] ?? new Int32Array(0), retainBatches[s]);
      const labels = tf.tensor2d(labelsFor(rows), [n, rows.length], 'int32');
      const logits = ensemble.logits(gatherInputs(ctx.trainInputs, rows));
      return ensembleMean(crossEntropyPerExample(logits, labels, ctx.classes), null);
    },
  });
}

export const rlMethod: UnlearningMethod<typeof rlParams> = { meta: rlMeta, run };
