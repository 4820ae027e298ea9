import { groupNewtonState, type GroupNewtonState } from '../attribution/group-newton';
import type { Ensemble, InputMatrix } from '../compute/types';
import type { ExperimentSetup } from './setup';

/** The originals' full-pool K-FAC statistics and the seconds they took to compute. */
export interface OriginalsCurvature {
  state: GroupNewtonState;
  seconds: number;
}

/**
 * Computes the curvature of an ensemble's models over the pool, timed (the one place it is
 * computed): each worker's models in one native pass where they live, in parallel.
 */
export async function measureCurvature(ensemble: Ensemble, train: InputMatrix, labels: Uint8Array): Promise<OriginalsCurvature> {
  const start = performance.now();
  const state = await groupNewtonState(ensemble.spec, train, await ensemble.curvature(labels), ensemble.classes);
  return { state, seconds: (performance.now() - start) / 1000 };
}

/**
 * The originals' curvature, computed at most once per run: group Newton's datamodels stage
 * and influence unlearning both step from the same F-independent statistics (one
 * forward/backward pass over the pool per model), so the second asker reuses the first's.
 * Each reports the seconds it took to compute as its cost, as if it had done it alone.
 */
export function originalsCurvature(s: ExperimentSetup, originals: Ensemble): () => Promise<OriginalsCurvature> {
  let pending: Promise<OriginalsCurvature> | null = null;
  return () => {
    pending ??= (async () => {
      const train = s.inputs.sets.train;
      if (!train) throw new Error('The curvature needs the train pool’s inputs, which this backend did not keep.');
      return measureCurvature(originals, train, s.labels);
    })();
    pending.catch(() => (pending = null)); // a failed (or cancelled) attempt is not remembered
    return pending;
  };
}
