import { Rng } from '../util/rng';

/**
 * Seeded k-means (k-means++ seeding, Lloyd iterations) on row vectors.
 * Used to find sub-populations (the paper's non-random forget sets).
 */
export function kmeans(data: Float32Array, rows: number, dim: number, k: number, seed: number, iterations = 25) {
  const rng = new Rng(seed);
  const centroids = new Float64Array(k * dim);
  const dist = new Float64Array(rows).fill(Infinity);
  const dist2 = (r: number, c: number) => {
    let s = 0;
    for (let j = 0; j < dim; j++) {
      const d = data[r * dim + j] - centroids[c * dim + j];
      s += d * d;
    }
    return s;
  };
  // k-means++: each next centre drawn with probability ∝ squared distance to the nearest centre
  let first = rng.int(rows);
  for (let c = 0; c < k; c++) {
    if (c > 0) {
      let total = 0;
      for (let r = 0; r < rows; r++) total += dist[r];
      let target = rng.next() * total;
      first = rows - 1;
      for (let r = 0; r < rows; r++) {
        target -= dist[r];
        if (target <= 0) {
          first = r;
          break;
        }
      }
    }
    for (let j = 0; j < dim; j++) centroids[c * dim + j] = data[first * dim + j];
    for (let r = 0; r < rows; r++) dist[r] = Math.min(dist[r], dist2(r, c));
  }
  const assignment = new Int32Array(rows);
  for (let it = 0; it < iterations; it++) {
    let changed = false;
    for (let r = 0; r < rows; r++) {
      let best = 0;
      let bestD = Infinity;
      for (let c = 0; c < k; c++) {
        const d = dist2(r, c);
        if (d < bestD) {
          bestD = d;
          best = c;
        }
      }
      if (assignment[r] !== best || it === 0) changed = changed || assignment[r] !== best;
      assignment[r] = best;
      dist[r] = bestD;
    }
    const sums = new Float64Array(k * dim);
    const counts = new Int32Array(k);
    for (let r = 0; r < rows; r++) {
      counts[assignment[r]]++;
      for (let j = 0; j < dim; j++) sums[assignment[r] * dim + j] += data[r * dim + j];
    }
    for (let c = 0; c < k; c++) if (counts[c] > 0) for (let j = 0; j < dim; j++) centroids[c * dim + j] = sums[c * dim + j] / counts[c];
    if (!changed && it > 0) break;
  }
  return { assignment, centroids, distances: dist };
}
