import { tf } from '../../tf';
import type { InputMatrix } from '../../compute/types';
import type { ModelSpec } from '../../models/spec';
import type { ModelWeights } from '../../models/weights';

const CHUNK = 1024;

/**
 * Statistics of the per-example gradients of the cross-entropy loss of one linear or MLP
 * model over some rows, in ModelWeights layout, without a per-example loop: a dense
 * layer's per-example gradient is the outer product a_i g_iᵀ, so
 * - the mean gradient (SalUn's saliency) is aᵀg / rows, and
 * - the mean of their squares (the empirical Fisher's diagonal, SSD's importance) is
 *   (a²)ᵀ(g²) / rows: one matmul of squared activations.
 */
export function diagonalFisher(spec: ModelSpec, w: ModelWeights, inputs: InputMatrix, rows: Int32Array, labels: Uint8Array, classes: number): Promise<Float32Array[]> {
  return gradientStatistic('mean-square', spec, w, inputs, rows, labels, classes);
}

/** The mean gradient of the cross-entropy over `rows` (the gradient of their mean loss). */
export function meanGradient(spec: ModelSpec, w: ModelWeights, inputs: InputMatrix, rows: Int32Array, labels: Uint8Array, classes: number): Promise<Float32Array[]> {
  return gradientStatistic('mean', spec, w, inputs, rows, labels, classes);
}

async function gradientStatistic(kind: 'mean' | 'mean-square', spec: ModelSpec, w: ModelWeights, inputs: InputMatrix, rows: Int32Array, labels: Uint8Array, classes: number): Promise<Float32Array[]> {
  if (spec.kind === 'cnn-s') throw new Error('Weight importances (SSD, SalUn) are computed for linear and mlp models; the cnn-s model is not supported here. Choose mlp or linear in Settings.');
  const { dim } = inputs;
  const h = spec.kind === 'mlp' ? w[1].length : classes;
  // the weights go to the backend once, not once per chunk
  const weights = spec.kind === 'linear' ? [tf.tensor2d(w[0], [dim, classes]), tf.tensor1d(w[1])] : [tf.tensor2d(w[0], [dim, h]), tf.tensor1d(w[1]), tf.tensor2d(w[2], [h, classes]), tf.tensor1d(w[3])];
  const sums: tf.Tensor[] = [];
  try {
  for (let start = 0; start < rows.length; start += CHUNK) {
    const part = rows.subarray(start, Math.min(rows.length, start + CHUNK));
    const x = new Float32Array(part.length * dim);
    part.forEach((r, i) => x.set(inputs.values.subarray(r * dim, (r + 1) * dim), i * dim));
    const y = Int32Array.from(part, (r) => labels[r]);
    const chunk = tf.tidy(() => {
      const xs = tf.tensor2d(x, [part.length, dim]);
      const onehot = tf.oneHot(tf.tensor1d(y, 'int32'), classes).toFloat();
      // explicit transposes: tfjs-wasm's matmul is ~20× slower with a transpose flag (README)
      const f = kind === 'mean' ? (t: tf.Tensor2D) => t : (t: tf.Tensor2D) => tf.square(t);
      const dense = (a: tf.Tensor2D, g: tf.Tensor2D) => [tf.matMul(tf.transpose(f(a)), f(g)), tf.sum(f(g), 0)];
      if (spec.kind === 'linear') {
        const err = tf.sub(tf.softmax(tf.add(tf.matMul(xs, weights[0]), weights[1])), onehot) as tf.Tensor2D;
        return dense(xs, err);
      }
      const [w1, b1, w2, b2] = weights;
      const pre = tf.add(tf.matMul(xs, w1), b1) as tf.Tensor2D;
      const hidden = tf.relu(pre) as tf.Tensor2D;
      const err = tf.sub(tf.softmax(tf.add(tf.matMul(hidden, w2), b2)), onehot) as tf.Tensor2D;
      const delta = tf.mul(tf.matMul(err, tf.transpose(w2)), tf.step(pre)) as tf.Tensor2D;
      return [...dense(xs, delta), ...dense(hidden, err)];
    });
    if (sums.length === 0) sums.push(...chunk);
    else
      chunk.forEach((t, i) => {
        const next = tf.add(sums[i], t);
        sums[i].dispose();
        t.dispose();
        sums[i] = next;
      });
  }
  } finally {
    for (const t of weights) t.dispose();
  }
  const out: Float32Array[] = [];
  for (const t of sums) {
    const v = (await t.data()) as Float32Array;
    t.dispose();
    out.push(v.map((s) => s / rows.length));
  }
  return out;
}
