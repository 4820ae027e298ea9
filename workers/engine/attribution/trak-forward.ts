import { tf } from '../tf';
import type { Ensemble } from '../models/ensemble';

/**
 * The per-model forward quantities TRAK's analytic gradients need, read from a fused
 * ensemble's variables. This knows the ensemble's variable layout (models/ensemble.ts):
 *   linear: w [d, N·C], b [N·C]
 *   mlp:    w1 [d, N·h], b1 [N·h], w2 [N, h, C], b2 [N, 1, C]
 *   cnn-s:  8 variables per model, in buildCnnLayout order
 * The test checks that hidden · W_last + b_last reproduces the ensemble's own logits, so a
 * layout change there fails here loudly instead of silently mis-attributing.
 */
export interface ModelForward {
  rows: number;
  /** Input of the last dense layer, [rows × dh] (features, hidden units, pooled maps). */
  hidden: Float32Array;
  dh: number;
  /** [rows × C] */
  logits: Float32Array;
  /** mlp only: the first layer's input [rows × d] and ReLU activity [rows × h] (1 where pre-activation > 0). */
  input?: Float32Array;
  d?: number;
  active?: Uint8Array;
}

const BATCH = 512;

/** Last dense layer of model m: W [dh × C] (row-major) and b [C]. */
export async function lastLayer(ensemble: Ensemble, m: number): Promise<{ w: Float32Array; b: Float32Array; dh: number }> {
  const c = ensemble.classes;
  const v = ensemble.variables;
  const read = async (make: () => tf.Tensor) => {
    const t = tf.tidy(make);
    const data = (await t.data()) as Float32Array;
    t.dispose();
    return data;
  };
  if (ensemble.spec.kind === 'linear') {
    const d = ensemble.inputDim;
    return { w: await read(() => tf.slice(v[0], [0, m * c], [d, c])), b: await read(() => tf.slice(v[1], [m * c], [c])), dh: d };
  }
  if (ensemble.spec.kind === 'mlp') {
    const h = ensemble.spec.hidden;
    return {
      w: await read(() => tf.reshape(tf.slice(v[2], [m, 0, 0], [1, h, c]), [h, c])),
      b: await read(() => tf.reshape(tf.slice(v[3], [m, 0, 0], [1, 1, c]), [c])),
      dh: h,
    };
  }
  const per = v.length / ensemble.size;
  const [w, b] = [v[m * per + 6], v[m * per + 7]];
  return { w: (await w.data()) as Float32Array, b: (await b.data()) as Float32Array, dh: w.shape[0] };
}

/** Forward pass of model m over every row of `inputs`. */
export async function forwardModel(ensemble: Ensemble, m: number, inputs: tf.Tensor): Promise<ModelForward> {
  const rows = inputs.shape[0];
  const c = ensemble.classes;
  const kind = ensemble.spec.kind;
  const v = ensemble.variables;
  const chunks: { hidden: Float32Array; logits: Float32Array; input?: Float32Array; pre?: Float32Array }[] = [];
  let dh = 0;
  for (let s = 0; s < rows; s += BATCH) {
    const e = Math.min(rows, s + BATCH);
    const out = tf.tidy(() => {
      const x = tf.slice(inputs, s, e - s);
      if (kind === 'linear') {
        const d = ensemble.inputDim;
        const logits = tf.add(tf.matMul(x as tf.Tensor2D, tf.slice(v[0], [0, m * c], [d, c]) as tf.Tensor2D), tf.slice(v[1], [m * c], [c]));
        return { hidden: x, logits };
      }
      if (kind === 'mlp') {
        const d = ensemble.inputDim;
        const h = ensemble.spec.hidden;
        const pre = tf.add(tf.matMul(x as tf.Tensor2D, tf.slice(v[0], [0, m * h], [d, h]) as tf.Tensor2D), tf.slice(v[1], [m * h], [h]));
        const hidden = tf.relu(pre);
        const w2 = tf.reshape(tf.slice(v[2], [m, 0, 0], [1, h, c]), [h, c]) as tf.Tensor2D;
        const b2 = tf.reshape(tf.slice(v[3], [m, 0, 0], [1, 1, c]), [c]);
        return { hidden, logits: tf.add(tf.matMul(hidden as tf.Tensor2D, w2), b2), input: x, pre };
      }
      const per = v.length / ensemble.size;
      const [k1, b1, k2, b2, k3, b3, wd, bd] = v.slice(m * per, (m + 1) * per);
      // Mirrors cnnLogits (models/cnn.ts) up to the global average pool.
      let a = tf.relu(tf.add(tf.conv2d(x as tf.Tensor4D, k1 as tf.Tensor4D, 1, 'same'), b1)) as tf.Tensor4D;
      a = tf.maxPool(a, 2, 2, 'valid');
      a = tf.relu(tf.add(tf.conv2d(a, k2 as tf.Tensor4D, 1, 'same'), b2)) as tf.Tensor4D;
      a = tf.maxPool(a, 2, 2, 'valid');
      a = tf.relu(tf.add(tf.conv2d(a, k3 as tf.Tensor4D, 1, 'same'), b3)) as tf.Tensor4D;
      const pooled = tf.mean(a, [1, 2]);
      return { hidden: pooled, logits: tf.add(tf.matMul(pooled as tf.Tensor2D, wd as tf.Tensor2D), bd) };
    });
    dh = out.hidden.shape[1] as number;
    const chunk = {
      hidden: (await out.hidden.data()) as Float32Array,
      logits: (await out.logits.data()) as Float32Array,
      input: out.input ? ((await out.input.data()) as Float32Array) : undefined,
      pre: out.pre ? ((await out.pre.data()) as Float32Array) : undefined,
    };
    for (const t of [out.hidden, out.logits, out.input, out.pre]) t?.dispose();
    chunks.push(chunk);
  }
  const cat = (parts: (Float32Array | undefined)[]) => {
    const total = parts.reduce((a, p) => a + (p?.length ?? 0), 0);
    const outArr = new Float32Array(total);
    let o = 0;
    for (const p of parts) {
      if (!p) continue;
      outArr.set(p, o);
      o += p.length;
    }
    return outArr;
  };
  const result: ModelForward = { rows, hidden: cat(chunks.map((ch) => ch.hidden)), dh, logits: cat(chunks.map((ch) => ch.logits)) };
  if (kind === 'mlp') {
    result.input = cat(chunks.map((ch) => ch.input));
    result.d = ensemble.inputDim;
    const pre = cat(chunks.map((ch) => ch.pre));
    result.active = Uint8Array.from(pre, (p) => (p > 0 ? 1 : 0));
  }
  return result;
}
