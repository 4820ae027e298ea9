import { Rng, deriveSeed } from '../../util/rng';

/**
 * One wrong label per forget point and model, drawn once for the whole run (the
 * relabelled forget set of Golatkar et al. and SalUn), uniformly among the C−1 wrong
 * classes. Per model, because the N models stand for N independent unlearning runs.
 * Returns [N × |F|], row-major by model, in `forget` order.
 */
export function randomWrongLabels(forget: Int32Array, labels: Uint8Array, classes: number, models: number, seed: number): Int32Array {
  const out = new Int32Array(models * forget.length);
  for (let m = 0; m < models; m++) {
    const rng = new Rng(deriveSeed(seed, 'random-labels', m));
    for (let i = 0; i < forget.length; i++) {
      out[m * forget.length + i] = (labels[forget[i]] + 1 + rng.int(classes - 1)) % classes;
    }
  }
  return out;
}
