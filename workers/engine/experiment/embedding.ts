/**
 * Where the forget set went: a 2-D map of one model's penultimate activations (the MLP's
 * hidden layer; a linear model's logits, its only learned layer) on the forget points and
 * a sample of retained ones, for the originals, each method and Retrain. Each map is that
 * model's own PCA (util/pca2.ts): independently trained models (Retrain's) have unrelated
 * hidden units, so one shared basis would mean nothing. Axes are oriented so the forget
 * points' mean lies on the positive side, and scaled to the map's spread.
 */
import type { InputMatrix } from '../compute/types';
import { tf } from '../tf';
import type { ModelSpec } from '../models/spec';
import type { ModelWeights } from '../models/weights';
import { project2d } from '../util/pca2';

export interface Embedding {
  /** The model kind's layer the map shows. */
  layer: 'hidden' | 'logits';
  /** Pool rows in the map: the forget points first, then the retained sample. */
  rows: number[];
  forgetCount: number;
  /** x, y per row (model 0 of the ensemble), each axis scaled to unit spread. */
  xy: number[];
  /** Share of the activations' variance each axis shows. */
  explained: [number, number];
}

/** Retained points shown beside the forget set. */
export const EMBEDDING_RETAIN = 300;

/** The activations [rows × width] of one model at the layer the map shows (one tfjs matmul: ~3 GFLOP in JS loops cost ~0.2 s per map). */
async function activations(spec: ModelSpec, w: ModelWeights, inputs: InputMatrix, rows: number[]): Promise<{ values: Float32Array; width: number }> {
  const d = inputs.dim;
  const [w1, b1] = w;
  const width = b1.length; // hidden units (mlp) or classes (linear)
  const x = new Float32Array(rows.length * d);
  rows.forEach((row, r) => x.set(inputs.values.subarray(row * d, (row + 1) * d), r * d));
  const out = tf.tidy(() => {
    const z = tf.add(tf.matMul(tf.tensor2d(x, [rows.length, d]), tf.tensor2d(w1, [d, width])), tf.tensor1d(b1));
    return spec.kind === 'mlp' ? tf.relu(z) : z;
  });
  const values = (await out.data()) as Float32Array;
  out.dispose();
  return { values, width };
}

/** The map for model 0 of an ensemble's weights; null for models without a dense first layer (cnn-s). */
export async function embeddingOf(spec: ModelSpec, w: ModelWeights, inputs: InputMatrix, forget: ArrayLike<number>, retain: ArrayLike<number>): Promise<Embedding | null> {
  if (spec.kind === 'cnn-s') return null;
  const rows = [...Array.from(forget), ...Array.from(retain).slice(0, EMBEDDING_RETAIN)];
  const { values, width } = await activations(spec, w, inputs, rows);
  const { xy, explained } = project2d(values, rows.length, width, Array.from({ length: forget.length }, (_, i) => i));
  // unit spread per axis (the maps' scales differ; their shapes are what compare)
  for (let k = 0; k < 2; k++) {
    let sq = 0;
    for (let i = 0; i < rows.length; i++) sq += xy[2 * i + k] ** 2;
    const s = Math.sqrt(sq / rows.length) || 1;
    for (let i = 0; i < rows.length; i++) xy[2 * i + k] /= s;
  }
  return { layer: spec.kind === 'mlp' ? 'hidden' : 'logits', rows, forgetCount: forget.length, xy: Array.from(xy, (v) => Number(v.toFixed(4))), explained };
}
