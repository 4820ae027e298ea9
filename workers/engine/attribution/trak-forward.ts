import { tf } from '../tf';
import type { InputMatrix } from '../compute/types';
import type { ModelSpec } from '../models/spec';
import { parameterShapes, type ModelWeights } from '../models/weights';

/**
 * The per-model forward quantities TRAK's analytic gradients need, computed from one
 * model's interchange weights (models/weights.ts), so it works whatever engine trained it.
 * The test checks that these reproduce the engine's own logits, so a layout change there
 * fails here loudly instead of silently mis-attributing.
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

/** Last dense layer: W [dh × C] (row-major) and b [C]. */
export function lastLayer(w: ModelWeights): { w: Float32Array; b: Float32Array; dh: number } {
  const c = w[w.length - 1].length;
  return { w: w[w.length - 2], b: w[w.length - 1], dh: w[w.length - 2].length / c };
}

/**
 * Forward pass of one model over every row of the given input matrices (concatenated in
 * order). `imageShape` reshapes rows for the CNN.
 */
export async function forwardModel(
  spec: ModelSpec,
  w: ModelWeights,
  inputDim: number,
  classes: number,
  sets: InputMatrix[],
  imageShape: [number, number, number] | null,
): Promise<ModelForward> {
  const rows = sets.reduce((a, s) => a + s.rows, 0);
  const values = new Float32Array(rows * inputDim);
  let off = 0;
  for (const s of sets) {
    values.set(s.values.subarray(0, s.rows * inputDim), off);
    off += s.rows * inputDim;
  }
  const shapes = parameterShapes(spec, inputDim, classes);
  const vars = w.map((v, i) => tf.tensor(v, shapes[i]));
  const chunks: { hidden: Float32Array; logits: Float32Array; pre?: Float32Array }[] = [];
  let dh = 0;
  try {
    for (let s = 0; s < rows; s += BATCH) {
      const e = Math.min(rows, s + BATCH);
      const out = tf.tidy(() => {
        const flat = tf.tensor2d(values.subarray(s * inputDim, e * inputDim), [e - s, inputDim]);
        if (spec.kind === 'linear') return { hidden: flat, logits: tf.add(tf.matMul(flat, vars[0] as tf.Tensor2D), vars[1]) };
        if (spec.kind === 'mlp') {
          const pre = tf.add(tf.matMul(flat, vars[0] as tf.Tensor2D), vars[1]);
          const hidden = tf.relu(pre);
          return { hidden, logits: tf.add(tf.matMul(hidden as tf.Tensor2D, vars[2] as tf.Tensor2D), vars[3]), pre };
        }
        const [k1, b1, k2, b2, k3, b3, wd, bd] = vars;
        const x = tf.reshape(flat, [e - s, ...imageShape!]) as tf.Tensor4D;
        // Mirrors cnnLogits (models/cnn.ts) up to the global average pool.
        let a = tf.relu(tf.add(tf.conv2d(x, k1 as tf.Tensor4D, 1, 'same'), b1)) as tf.Tensor4D;
        a = tf.maxPool(a, 2, 2, 'valid');
        a = tf.relu(tf.add(tf.conv2d(a, k2 as tf.Tensor4D, 1, 'same'), b2)) as tf.Tensor4D;
        a = tf.maxPool(a, 2, 2, 'valid');
        a = tf.relu(tf.add(tf.conv2d(a, k3 as tf.Tensor4D, 1, 'same'), b3)) as tf.Tensor4D;
        const pooled = tf.mean(a, [1, 2]);
        return { hidden: pooled, logits: tf.add(tf.matMul(pooled as tf.Tensor2D, wd as tf.Tensor2D), bd) };
      });
      dh = out.hidden.shape[1] as number;
      chunks.push({
        hidden: (await out.hidden.data()) as Float32Array,
        logits: (await out.logits.data()) as Float32Array,
        pre: out.pre ? ((await out.pre.data()) as Float32Array) : undefined,
      });
      for (const t of [out.hidden, out.logits, out.pre]) t?.dispose();
    }
  } finally {
    for (const v of vars) v.dispose();
  }
  const cat = (parts: (Float32Array | undefined)[]) => {
    const outArr = new Float32Array(parts.reduce((a, p) => a + (p?.length ?? 0), 0));
    let o = 0;
    for (const p of parts) {
      if (!p) continue;
      outArr.set(p, o);
      o += p.length;
    }
    return outArr;
  };
  const result: ModelForward = { rows, hidden: cat(chunks.map((ch) => ch.hidden)), dh, logits: cat(chunks.map((ch) => ch.logits)) };
  if (spec.kind === 'mlp') {
    result.input = values;
    result.d = inputDim;
    result.active = Uint8Array.from(cat(chunks.map((ch) => ch.pre)), (p) => (p > 0 ? 1 : 0));
  }
  return result;
}
