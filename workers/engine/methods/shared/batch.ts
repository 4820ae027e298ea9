import { epochBatches } from '../../train/batches';

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

/** Concatenates two row lists (one forward pass serves both). */
export function concatRows(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** The training labels as a plan's shared label table. */
export function sharedLabels(labels: Uint8Array): { perModel: false; values: Int32Array } {
  return { perModel: false, values: Int32Array.from(labels) };
}
