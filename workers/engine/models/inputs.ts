import type { ComputeInputs, InputMatrix } from '../compute/types';
import type { Dataset, ImageSet } from '../data/types';
import { IMAGE_SIZE } from '../data/types';
import { computeFeatures, FEATURE_DIM, imagesToFloats } from './features';
import { usesFeatures, type ModelSpec } from './spec';

/**
 * What the models read, as plain matrices: fixed features [n, FEATURE_DIM] for linear/mlp,
 * per-image standardised pixels [n, 32·32·3] (NHWC) for the CNN. Handed to the compute
 * once per experiment (compute/types.ts), so a minibatch is a row gather wherever it runs.
 */
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

/** Width of one input row for a model spec (features, or 32·32·3 pixels). */
export function inputDimOf(spec: ModelSpec): number {
  return usesFeatures(spec) ? FEATURE_DIM : IMAGE_SIZE * IMAGE_SIZE * 3;
}

/** The per-row image shape the CNN reshapes its rows to, or null for feature models. */
export function imageShapeOf(spec: ModelSpec): [number, number, number] | null {
  return usesFeatures(spec) ? null : [IMAGE_SIZE, IMAGE_SIZE, 3];
}

/** One image set as the spec's model inputs. */
export async function inputsOfImages(set: ImageSet, spec: ModelSpec): Promise<InputMatrix> {
  const values = usesFeatures(spec) ? await computeFeatures(set, DEFAULT_FEATURE_SEED) : imagesToFloats(set, 0, set.count, true);
  return { values, rows: set.count, dim: inputDimOf(spec) };
}

/** The train pool and validation set as the spec's model inputs. */
export async function modelInputs(dataset: Dataset, spec: ModelSpec, onProgress?: (fraction: number) => void): Promise<ComputeInputs> {
  const dim = inputDimOf(spec);
  if (usesFeatures(spec)) {
    const f = await featuresFor(dataset, DEFAULT_FEATURE_SEED, onProgress);
    return {
      sets: { train: { values: f.train, rows: dataset.train.count, dim }, validation: { values: f.validation, rows: dataset.validation.count, dim } },
      imageShape: null,
    };
  }
  const pixels = (set: ImageSet): InputMatrix => ({ values: imagesToFloats(set, 0, set.count, true), rows: set.count, dim });
  return { sets: { train: pixels(dataset.train), validation: pixels(dataset.validation) }, imageShape: imageShapeOf(spec) };
}
