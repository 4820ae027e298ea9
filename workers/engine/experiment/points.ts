import type { Dataset } from '../data/types';
import { computeFeatures, imagesToTensor } from '../models/features';
import { DEFAULT_FEATURE_SEED } from '../models/inputs';
import { usesFeatures, type ModelSpec } from '../models/spec';
import { tf } from '../tf';
import { Rng, deriveSeed } from '../util/rng';
import { FEATURE_DIM } from '../models/features';
import { triggeredValidation, type ForgetResolution } from './forget-rules';
import type { Experiment } from './schema';

/**
 * The points every model is evaluated on: all of F, a seeded sample of R (sorted), and the
 * first `validationSample` validation images. Kept small so that N×(methods) margins fit in
 * a results file, large enough for stable percentiles.
 */
export function evaluationPoints(r: ForgetResolution, dataset: Dataset, x: Experiment) {
  const rng = new Rng(deriveSeed(x.seed, 'retain-sample'));
  const k = Math.min(x.evaluation.retainSample, r.retain.length);
  const retain = Int32Array.from(rng.sample(r.retain.length, k), (i) => r.retain[i]).sort();
  const validation = Int32Array.from({ length: Math.min(x.evaluation.validationSample, dataset.validation.count) }, (_, i) => i);
  return { forget: r.forget, retain, validation };
}

/** Model inputs for the triggered validation images (backdoor attack success rate). */
export async function backdoorInputs(dataset: Dataset, spec: ModelSpec, p: { targetClass: number; patchSize: number }) {
  const { set } = triggeredValidation(dataset.validation, p.targetClass, p.patchSize);
  const inputs = usesFeatures(spec)
    ? tf.tensor2d(await computeFeatures(set, DEFAULT_FEATURE_SEED), [set.count, FEATURE_DIM])
    : imagesToTensor(set, 0, set.count, true);
  return { inputs, count: set.count, dispose: () => inputs.dispose() };
}
