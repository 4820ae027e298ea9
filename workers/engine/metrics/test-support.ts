import { Rng } from '../util/rng';
import type { MarginMatrix } from './margin-matrix';

/**
 * Synthetic margins for tests: `models` draws per point from N(pointMeans[p] + shift[p], sd²).
 * Only tests import this; it lives next to them so the fixtures read like the metrics' inputs.
 */
export function gaussianMargins(
  rng: Rng,
  models: number,
  pointMeans: ArrayLike<number>,
  sd: number,
  shift: (point: number) => number = () => 0,
): MarginMatrix {
  const points = pointMeans.length;
  const values = new Float32Array(models * points);
  for (let m = 0; m < models; m++) {
    for (let p = 0; p < points; p++) values[m * points + p] = pointMeans[p] + shift(p) + sd * rng.normal();
  }
  return { models, points, values };
}

/** `count` per-point means drawn from N(center, spread²): points differ, as real ones do. */
export function pointMeans(rng: Rng, count: number, center: number, spread: number): Float64Array {
  return Float64Array.from({ length: count }, () => center + spread * rng.normal());
}
