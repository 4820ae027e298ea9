import { Rng, deriveSeed } from '../util/rng';

/**
 * Seeded minibatch order over a training set (pool indices): one fresh permutation per
 * epoch, last partial batch kept. The same (indices, seed) gives the same batches on
 * every backend, which is what makes a shared link reproduce a run.
 */
export function epochBatches(indices: Int32Array, batchSize: number, seed: number, epoch: number): Int32Array[] {
  const order = new Rng(deriveSeed(seed, 'order', epoch)).permutation(indices.length);
  const out: Int32Array[] = [];
  for (let s = 0; s < order.length; s += batchSize) {
    const b = new Int32Array(Math.min(batchSize, order.length - s));
    for (let i = 0; i < b.length; i++) b[i] = indices[order[s + i]];
    out.push(b);
  }
  return out;
}

/** All batches of a multi-epoch run, flattened (steps = epochs × ⌈n/B⌉). */
export function scheduleBatches(indices: Int32Array, batchSize: number, seed: number, epochs: number): Int32Array[] {
  const all: Int32Array[] = [];
  for (let e = 0; e < epochs; e++) all.push(...epochBatches(indices, batchSize, seed, e));
  return all;
}

export function range(n: number): Int32Array {
  const r = new Int32Array(n);
  for (let i = 0; i < n; i++) r[i] = i;
  return r;
}
