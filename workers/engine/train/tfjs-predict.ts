import { tf } from '../tf';
import type { TfjsEnsemble } from '../models/tfjs-ensemble';

const EVAL_BATCH = 512;

/**
 * Logits of every model of a tfjs ensemble on the given rows of `inputs`: Float32Array
 * [N × rows × C], row-major by model. Batched so the CNN never holds all activations at once.
 */
export async function predictTfjs(ensemble: TfjsEnsemble, inputs: tf.Tensor, rows?: Int32Array): Promise<Float32Array> {
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
