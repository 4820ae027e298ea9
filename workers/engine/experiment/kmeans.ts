import { kmeans as mlKmeans } from 'ml-kmeans';
import { ExperimentError } from './schema';

/**
 * Seeded k-means (k-means++ seeding, Lloyd iterations) on row vectors, by ml-kmeans: used
 * to find sub-populations (the paper's non-random forget sets). This adapter turns the
 * engine's flat float rows into the library's arrays and adds what the forget rules read:
 * each row's squared distance to its own centre (to take a cluster's core first).
 */
export interface Clustering {
  /** Cluster of each row, in 0..k−1. */
  assignment: Int32Array;
  /** Centres, [k × dim] row-major. */
  centroids: Float64Array;
  /** Squared Euclidean distance of each row to its centre. */
  distances: Float64Array;
}

export function kmeans(data: Float32Array, rows: number, dim: number, k: number, seed: number, maxIterations = 100): Clustering {
  if (!(k >= 1 && k <= rows)) throw new ExperimentError(`Cannot make ${k} clusters of ${rows} images: choose at most ${rows} clusters.`);
  const points = Array.from({ length: rows }, (_, r) => Array.from(data.subarray(r * dim, (r + 1) * dim)));
  // ml-random wants an integer seed; the engine's derived seeds are 32-bit already.
  const result = mlKmeans(points, k, { seed: seed >>> 0, initialization: 'kmeans++', maxIterations });
  const assignment = Int32Array.from(result.clusters);
  const centroids = new Float64Array(k * dim);
  result.centroids.forEach((c, i) => centroids.set(c, i * dim));
  const distances = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const o = assignment[r] * dim;
    let s = 0;
    for (let j = 0; j < dim; j++) {
      const d = points[r][j] - centroids[o + j];
      s += d * d;
    }
    distances[r] = s;
  }
  return { assignment, centroids, distances };
}
