/** A 2-D map of the train pool (PCA of the fixed features) for lasso selection. */
import type { Dataset } from '../../engine/data/types';
import { FEATURE_DIM } from '../../engine/models/features';
import { featuresFor } from '../../engine/models/inputs';
import { project2d } from '../../engine/util/pca2';

export interface PoolMap {
  /** x, y per pool image, scaled to [0, 1]. */
  xy: Float32Array;
  /** Share of the features' variance the two axes show. */
  explained: [number, number];
}

/** The first two principal components of the fixed features (util/pca2.ts), each axis scaled to [0, 1]. */
export async function poolMap(dataset: Dataset): Promise<PoolMap> {
  const n = dataset.train.count;
  const { xy, explained } = project2d((await featuresFor(dataset)).train, n, FEATURE_DIM);
  for (let k = 0; k < 2; k++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < n; i++) {
      lo = Math.min(lo, xy[2 * i + k]);
      hi = Math.max(hi, xy[2 * i + k]);
    }
    const span = hi - lo || 1;
    for (let i = 0; i < n; i++) xy[2 * i + k] = (xy[2 * i + k] - lo) / span;
  }
  return { xy, explained };
}
