import { describe, expect, test } from 'vitest';
import { project2d } from './pca2';
import { Rng } from './rng';

describe('project2d (ml-pca)', () => {
  test('recovers a plane hidden in 5-D: the two axes carry (nearly) all the variance, distances kept', () => {
    const rng = new Rng(2);
    const n = 200;
    const d = 5;
    const a = [1, 2, 0, -1, 0.5];
    const b = [0, 1, -1, 1, 2];
    const coords = Array.from({ length: n }, () => [3 * rng.normal(), rng.normal()]);
    const values = new Float32Array(n * d);
    coords.forEach(([s, t], i) => {
      for (let j = 0; j < d; j++) values[i * d + j] = 7 + s * a[j] + t * b[j] + 1e-3 * rng.normal();
    });
    const { xy, explained } = project2d(values, n, d);
    expect(explained[0] + explained[1]).toBeGreaterThan(0.9999);
    expect(explained[0]).toBeGreaterThan(explained[1]);
    // a projection onto the plane keeps distances between rows
    const dist = (u: number, v: number) => Math.hypot(...Array.from({ length: d }, (_, j) => values[u * d + j] - values[v * d + j]));
    const dist2 = (u: number, v: number) => Math.hypot(xy[2 * u] - xy[2 * v], xy[2 * u + 1] - xy[2 * v + 1]);
    for (const [u, v] of [[0, 1], [5, 77], [120, 199]]) expect(dist2(u, v)).toBeCloseTo(dist(u, v), 2);
  });

  test('flips each axis so the oriented rows sit on its positive side', () => {
    const values = Float32Array.from([0, 0, 1, 1, 2, 2, 3, 3, 4, 0, 0, 4]);
    const { xy } = project2d(values, 6, 2, [4]);
    expect(xy[8]).toBeGreaterThan(0);
    expect(project2d(values, 6, 2, [0]).xy[0]).toBeGreaterThan(0);
  });
});
