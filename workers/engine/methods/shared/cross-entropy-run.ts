import { optimize, type OptimizeOptions } from '../../train/optimize';
import type { MethodContext, MethodOutput } from '../types';
import { outputFromRun, RUNAWAY_CROSS_ENTROPY } from './outcome';

/**
 * The run every cross-entropy method (FT, GA, GD, RL) ends with: Adam on the originals in
 * place, with the method's progress and cancel, stopped and flagged diverged once the
 * loss passes the runaway limit, then judged into the method's output. Each method only
 * says which batches it sees and what loss it optimises.
 */
export async function runCrossEntropy(
  ctx: MethodContext<unknown>,
  run: Pick<OptimizeOptions, 'stage' | 'steps' | 'learningRate' | 'schedule' | 'examplesPerStep' | 'lossAt'>,
): Promise<MethodOutput> {
  const ensemble = ctx.originals;
  const result = await optimize({
    ...run,
    ensemble,
    onProgress: ctx.onProgress,
    signal: ctx.signal,
    lossLimit: ensemble.size * RUNAWAY_CROSS_ENTROPY,
  });
  return outputFromRun(ensemble, result);
}
