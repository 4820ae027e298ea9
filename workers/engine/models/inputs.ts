import { tf } from '../tf';
import type { Dataset, ImageSet } from '../data/types';
import { computeFeatures, FEATURE_DIM, imagesToTensor } from './features';
import { usesFeatures, type ModelSpec } from './spec';

/**
 * What the models read, resident on the backend for the whole experiment so that a
 * minibatch is one `tf.gather`: fixed features [n, FEATURE_DIM] for linear/mlp,
 * per-image standardised pixels [n, 32, 32, 3] for the CNN.
 */
export interface ModelInputs {
  train: tf.Tensor;
  validation: tf.Tensor;
  inputDim: number;
  kind: 'features' | 'pixels';
}

export const DEFAULT_FEATURE_SEED = 1234;

/** Features depend only on (dataset, seed): computing them once per session is enough. */
const featureMemo = new Map<string, { train: Float32Array; validation: Float32Array }>();

export async function featuresFor(dataset: Dataset, seed = DEFAULT_FEATURE_SEED, onProgress?: (fraction: number) => void) {
  const key = `${dataset.hash}:${seed}`;
  let f = featureMemo.get(key);
  if (!f) {
    const total = dataset.train.count + dataset.validation.count;
    const train = await computeFeatures(dataset.train, seed, (d) => onProgress?.(d / total));
    const validation = await computeFeatures(dataset.validation, seed, (d) => onProgress?.((dataset.train.count + d) / total));
    f = { train, validation };
    featureMemo.clear(); // one dataset at a time is plenty; keeps memory bounded
    featureMemo.set(key, f);
  }
  return f;
}

function pixelsTensor(set: ImageSet): tf.Tensor4D {
  return imagesToTensor(set, 0, set.count, true);
}

export async function prepareInputs(
  dataset: Dataset,
  spec: ModelSpec,
  onProgress?: (fraction: number) => void,
): Promise<ModelInputs> {
  if (usesFeatures(spec)) {
    const f = await featuresFor(dataset, DEFAULT_FEATURE_SEED, onProgress);
    return {
      train: tf.tensor2d(f.train, [dataset.train.count, FEATURE_DIM]),
      validation: tf.tensor2d(f.validation, [dataset.validation.count, FEATURE_DIM]),
      inputDim: FEATURE_DIM,
      kind: 'features',
    };
  }
  return { train: pixelsTensor(dataset.train), validation: pixelsTensor(dataset.validation), inputDim: 0, kind: 'pixels' };
}

export function disposeInputs(inputs: ModelInputs): void {
  inputs.train.dispose();
  inputs.validation.dispose();
}
