import { epochBatches } from '../../train/batches';
import { deriveSeed } from '../../util/rng';

/** One SCRUB step: a max step on a forget batch or a min step on a retain batch. */
export interface ScrubStep {
  kind: 'max' | 'min';
  rows: Int32Array;
}

/**
 * The step sequence of the reference implementation: for each of `epochs` rounds, first
 * (only in the first `maxEpochs` rounds) a full pass of max steps over F, then a full
 * pass of min steps over R. Laid out in advance so that one optimiser (one Adam state,
 * as the reference keeps one SGD-with-momentum state) runs the whole alternation.
 */
export function scrubPlan(
  forget: Int32Array,
  retain: Int32Array,
  p: { epochs: number; maxEpochs: number; batchSize: number; forgetBatchSize: number },
  seed: number,
): ScrubStep[] {
  const steps: ScrubStep[] = [];
  for (let e = 0; e < p.epochs; e++) {
    if (e < p.maxEpochs) {
      for (const rows of epochBatches(forget, p.forgetBatchSize, deriveSeed(seed, 'max'), e)) steps.push({ kind: 'max', rows });
    }
    for (const rows of epochBatches(retain, p.batchSize, deriveSeed(seed, 'min'), e)) steps.push({ kind: 'min', rows });
  }
  return steps;
}
