/** A 2-D map of the train pool (PCA of the fixed features) for lasso selection. */
import type { Dataset } from '../../engine/data/types';
import { FEATURE_DIM } from '../../engine/models/features';
import { featuresFor } from '../../engine/models/inputs';

export interface PoolMap {
  /** x, y per pool image, scaled to [0, 1]. */
  xy: Float32Array;
  /** Share of the features' variance the two axes show. */
  explained: [number, number];
}

/** PCA (power iteration with deflation) of the centred fixed features to two axes. */
export async function poolMap(dataset: Dataset): Promise<PoolMap> {
  const x = (await featuresFor(dataset)).train;
  const n = dataset.train.count;
  const d = FEATURE_DIM;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += x[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  const c = new Float32Array(n * d);
  let total = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const v = x[i * d + j] - mean[j];
      c[i * d + j] = v;
      total += v * v;
    }
  }
  const comps: Float64Array[] = [];
  const explained: number[] = [];
  const proj = new Float64Array(n);
  for (let k = 0; k < 2; k++) {
    let v = new Float64Array(d).map((_, j) => Math.sin(j * 12.9898 + k * 78.233));
    let lambda = 0;
    for (let it = 0; it < 60; it++) {
      // proj = C v ; w = Cᵀ proj, minus earlier components
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += c[i * d + j] * v[j];
        proj[i] = s;
      }
      const w = new Float64Array(d);
      for (let i = 0; i < n; i++) {
        const p = proj[i];
        for (let j = 0; j < d; j++) w[j] += c[i * d + j] * p;
      }
      for (const u of comps) {
        let dot = 0;
        for (let j = 0; j < d; j++) dot += w[j] * u[j];
        for (let j = 0; j < d; j++) w[j] -= dot * u[j];
      }
      const norm = Math.hypot(...w);
      if (norm === 0) break;
      lambda = norm;
      v = w.map((a) => a / norm);
    }
    comps.push(v);
    explained.push(total > 0 ? lambda / total : 0);
  }
  const xy = new Float32Array(2 * n);
  for (let k = 0; k < 2; k++) {
    let lo = Infinity;
    let hi = -Infinity;
    const vals = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += c[i * d + j] * comps[k][j];
      vals[i] = s;
      lo = Math.min(lo, s);
      hi = Math.max(hi, s);
    }
    const span = hi - lo || 1;
    for (let i = 0; i < n; i++) xy[2 * i + k] = (vals[i] - lo) / span;
  }
  return { xy, explained: [explained[0], explained[1]] };
}
