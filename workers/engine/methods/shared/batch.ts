import { tf } from '../../tf';
import { epochBatches } from '../../train/batches';

/**
 * Minibatch plumbing shared by the methods. Call these inside the optimiser's tidy
 * (`lossAt`): every tensor they make is then released with the step.
 */

/** Model inputs of the given pool rows. */
export function gatherInputs(inputs: tf.Tensor, rows: Int32Array): tf.Tensor {
  return tf.gather(inputs, tf.tensor1d(rows, 'int32'));
}

/** Training labels of the given pool rows, shared by all models: [B]. */
export function gatherLabels(labels: Uint8Array, rows: Int32Array): tf.Tensor1D {
  return tf.tensor1d(Int32Array.from(rows, (i) => labels[i]), 'int32');
}

/**
 * `count` minibatches drawn from `indices` epoch after epoch (a fresh seeded permutation
 * each time). For a small set (F) paired step by step with a large one (R): the small
 * set is cycled as often as the large one needs.
 */
export function cyclingBatches(indices: Int32Array, batchSize: number, seed: number, count: number): Int32Array[] {
  const out: Int32Array[] = [];
  if (indices.length === 0) return out;
  for (let epoch = 0; out.length < count; epoch++) {
    for (const b of epochBatches(indices, batchSize, seed, epoch)) {
      if (out.length === count) break;
      out.push(b);
    }
  }
  return out;
}

/** Concatenates two row lists (one forward pass serves both, then the logits are split). */
export function concatRows(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
