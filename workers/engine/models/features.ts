import { tf } from '../tf';
import { IMAGE_SIZE, type ImageSet } from '../data/types';
import { Rng } from '../util/rng';

/**
 * Fixed random-convolution features for the `linear` and `mlp` models.
 *
 * They must not depend on the training data (algorithms.md): otherwise "retrain
 * without F" would also have to recompute them. So the filters come from a seed,
 * and every normalisation is per image (never a statistic over the pool):
 *   image → per-image standardisation → conv 5×5, stride 2, with FILTERS random filters →
 *   split into ReLU(+) and ReLU(−) maps → average over the four quadrants →
 *   per-vector standardisation.  Dimension = FILTERS × 2 × 4.
 * Stride 2 costs a quarter of stride 1 (the features are ~30% of a cold experiment's time
 * otherwise) for about one point of validation accuracy.
 */
export const FEATURE_FILTERS = 64;
export const FEATURE_DIM = FEATURE_FILTERS * 2 * 4;
const KERNEL = 5;
const CHUNK = 256;

function randomFilters(seed: number): tf.Tensor4D {
  const rng = new Rng(seed);
  const fanIn = KERNEL * KERNEL * 3;
  const values = new Float32Array(fanIn * FEATURE_FILTERS);
  for (let f = 0; f < FEATURE_FILTERS; f++) {
    // zero-mean filters respond to structure, not brightness
    let mean = 0;
    const col: number[] = [];
    for (let i = 0; i < fanIn; i++) {
      const v = rng.normal();
      col.push(v);
      mean += v / fanIn;
    }
    for (let i = 0; i < fanIn; i++) values[i * FEATURE_FILTERS + f] = (col[i] - mean) / Math.sqrt(fanIn);
  }
  return tf.tensor4d(values, [KERNEL, KERNEL, 3, FEATURE_FILTERS]);
}

/** Per-image standardised NHWC floats for images [start, end) of a set. */
export function imagesToFloats(set: ImageSet, start: number, end: number, standardize: boolean): Float32Array {
  const n = end - start;
  const plane = IMAGE_SIZE * IMAGE_SIZE;
  const out = new Float32Array(n * plane * 3);
  for (let i = 0; i < n; i++) {
    const src = (start + i) * plane * 3;
    const dst = i * plane * 3;
    let mean = 0;
    let sq = 0;
    if (standardize) {
      for (let k = 0; k < plane * 3; k++) mean += set.pixels[src + k];
      mean /= plane * 3;
      for (let k = 0; k < plane * 3; k++) sq += (set.pixels[src + k] - mean) ** 2;
    }
    const scale = standardize ? 1 / Math.sqrt(sq / (plane * 3) + 1) : 1 / 255;
    const shift = standardize ? mean : 0;
    for (let p = 0; p < plane; p++) {
      out[dst + p * 3] = (set.pixels[src + p] - shift) * scale;
      out[dst + p * 3 + 1] = (set.pixels[src + plane + p] - shift) * scale;
      out[dst + p * 3 + 2] = (set.pixels[src + 2 * plane + p] - shift) * scale;
    }
  }
  return out;
}

/** The same as a tensor [n, 32, 32, 3]. */
export function imagesToTensor(set: ImageSet, start: number, end: number, standardize: boolean): tf.Tensor4D {
  return tf.tensor4d(imagesToFloats(set, start, end, standardize), [end - start, IMAGE_SIZE, IMAGE_SIZE, 3]);
}

/** Computes the features of every image of a set: Float32Array [count × FEATURE_DIM]. */
export async function computeFeatures(set: ImageSet, seed: number, onProgress?: (done: number) => void): Promise<Float32Array> {
  const filters = randomFilters(seed);
  const out = new Float32Array(set.count * FEATURE_DIM);
  const half = IMAGE_SIZE / 2;
  for (let start = 0; start < set.count; start += CHUNK) {
    const end = Math.min(set.count, start + CHUNK);
    const feats = tf.tidy(() => {
      const x = imagesToTensor(set, start, end, true);
      const maps = tf.conv2d(x, filters, 2, 'same'); // [n,16,16,F]
      const both = tf.concat([tf.relu(maps), tf.relu(tf.neg(maps))], 3); // [n,16,16,2F]
      const pooled = tf.avgPool(both, half / 2, half / 2, 'valid'); // [n,2,2,2F]
      const flat = tf.reshape(pooled, [end - start, FEATURE_DIM]);
      const { mean, variance } = tf.moments(flat, 1, true);
      return tf.div(tf.sub(flat, mean), tf.sqrt(tf.add(variance, 1e-6)));
    });
    out.set(await feats.data(), start * FEATURE_DIM);
    feats.dispose();
    onProgress?.(end);
  }
  filters.dispose();
  return out;
}
