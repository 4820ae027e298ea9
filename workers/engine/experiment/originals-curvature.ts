import { prepareGroupNewton, type GroupNewtonState } from '../attribution/group-newton';
import type { Ensemble, InputMatrix } from '../compute/types';
import type { ModelSpec } from '../models/spec';
import type { ModelWeights } from '../models/weights';
import type { ExperimentSetup } from './setup';

/** The originals' full-pool K-FAC statistics and the seconds they took to compute. */
export interface OriginalsCurvature {
  state: GroupNewtonState;
  seconds: number;
}

/** Computes the curvature of some models over the pool, timed (the one place it is computed). */
export async function measureCurvature(spec: ModelSpec, weights: ModelWeights[], train: InputMatrix, labels: Uint8Array, classes: number): Promise<OriginalsCurvature> {
  const start = performance.now();
  const state = await prepareGroupNewton(spec, weights, train, labels, classes);
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
      return measureCurvature(s.x.model, await originals.weights(), train, s.labels, s.classes);
    })();
    pending.catch(() => (pending = null)); // a failed (or cancelled) attempt is not remembered
    return pending;
  };
}
