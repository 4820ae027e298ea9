/**
 * Small operations on ImageSet that several loaders and the engine need: joining the
 * five training batches into one pool, and picking a subset by index.
 */
import { PIXELS_PER_IMAGE, type ImageSet } from './types.ts';

/** Concatenate sets in order (CIFAR's data_batch_1..5 become one training pool). */
export function concatImageSets(sets: readonly ImageSet[]): ImageSet {
  const count = sets.reduce((n, s) => n + s.count, 0);
  const pixels = new Uint8Array(count * PIXELS_PER_IMAGE);
  const labels = new Uint8Array(count);
  let at = 0;
  for (const s of sets) {
    pixels.set(s.pixels.subarray(0, s.count * PIXELS_PER_IMAGE), at * PIXELS_PER_IMAGE);
    labels.set(s.labels.subarray(0, s.count), at);
    at += s.count;
  }
  const out: ImageSet = { pixels, labels, count };
  if (sets.length > 0 && sets.every((s) => s.variants)) {
    const variants = new Uint8Array(count);
    let v = 0;
    for (const s of sets) {
      variants.set(s.variants!.subarray(0, s.count), v);
      v += s.count;
    }
    out.variants = variants;
  }
  return out;
}

/** A new set holding copies of the given images, in the given order. */
export function selectImages(set: ImageSet, indices: ArrayLike<number>): ImageSet {
  const count = indices.length;
  const pixels = new Uint8Array(count * PIXELS_PER_IMAGE);
  const labels = new Uint8Array(count);
  const variants = set.variants ? new Uint8Array(count) : undefined;
  for (let k = 0; k < count; k++) {
    const i = indices[k];
    if (!(i >= 0 && i < set.count)) throw new RangeError(`image index ${i} outside 0..${set.count - 1}`);
    pixels.set(set.pixels.subarray(i * PIXELS_PER_IMAGE, (i + 1) * PIXELS_PER_IMAGE), k * PIXELS_PER_IMAGE);
    labels[k] = set.labels[i];
    if (variants) variants[k] = set.variants![i];
  }
  return variants ? { pixels, labels, count, variants } : { pixels, labels, count };
}

/** How many images of each class, for a histogram or a balance check. */
export function countClasses(set: ImageSet, numClasses: number): number[] {
  const counts = new Array<number>(numClasses).fill(0);
  for (let i = 0; i < set.count; i++) counts[set.labels[i]]++;
  return counts;
}
