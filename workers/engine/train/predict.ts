import { tf } from '../tf';
import type { Ensemble } from '../models/ensemble';

const EVAL_BATCH = 512;

/**
 * Logits of every model on the given rows of `inputs`: Float32Array [N × rows × C],
 * row-major by model. Batched so the CNN never holds all activations at once.
 */
export async function predictLogits(ensemble: Ensemble, inputs: tf.Tensor, rows?: Int32Array): Promise<Float32Array> {
  const count = rows ? rows.length : inputs.shape[0];
  const { size: n, classes: c } = ensemble;
  const out = new Float32Array(n * count * c);
  for (let s = 0; s < count; s += EVAL_BATCH) {
    const e = Math.min(count, s + EVAL_BATCH);
    const logits = tf.tidy(() => {
      const x = rows ? tf.gather(inputs, tf.tensor1d(rows.subarray(s, e), 'int32')) : tf.slice(inputs, s, e - s);
      return ensemble.logits(x);
    });
    const values = (await logits.data()) as Float32Array;
    logits.dispose();
    const b = e - s;
    for (let m = 0; m < n; m++) out.set(values.subarray(m * b * c, (m + 1) * b * c), (m * count + s) * c);
  }
  return out;
}

/** Per-model accuracy from logits [N × rows × C] and labels. */
export function accuracyFromLogits(logits: Float32Array, models: number, classes: number, labels: ArrayLike<number>): number[] {
  const rows = labels.length;
  const acc: number[] = [];
  for (let m = 0; m < models; m++) {
    let correct = 0;
    for (let r = 0; r < rows; r++) {
      const base = (m * rows + r) * classes;
      let best = 0;
      for (let k = 1; k < classes; k++) if (logits[base + k] > logits[base + best]) best = k;
      if (best === labels[r]) correct++;
    }
    acc.push(rows ? correct / rows : NaN);
  }
  return acc;
}
