import { describe, expect, test } from 'vitest';
import { Rng } from '../util/rng';
import { kmeans } from './kmeans';

/** Three tight blobs far apart in 4-D: any correct k-means finds exactly these. */
function blobs(perBlob: number, seed = 3) {
  const rng = new Rng(seed);
  const centres = [[0, 0, 0, 0], [10, 0, 0, 0], [0, 10, 10, 0]];
  const rows = centres.length * perBlob;
  const data = new Float32Array(rows * 4);
  const truth = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    const c = r % centres.length;
    truth[r] = c;
    for (let j = 0; j < 4; j++) data[r * 4 + j] = centres[c][j] + (rng.next() - 0.5) * 0.2;
  }
  return { data, rows, truth };
}

describe('kmeans (ml-kmeans, seeded)', () => {
  test('finds well-separated clusters exactly, with each row\'s squared distance to its centre', () => {
    const { data, rows, truth } = blobs(40);
    const km = kmeans(data, rows, 4, 3, 11);
    // the same partition, whatever the cluster numbering
    for (let r = 0; r < rows; r++) for (let s = 0; s < rows; s++) expect(km.assignment[r] === km.assignment[s]).toBe(truth[r] === truth[s]);
    for (const r of [0, 17, rows - 1]) {
      const c = km.assignment[r];
      let d = 0;
      for (let j = 0; j < 4; j++) d += (data[r * 4 + j] - km.centroids[c * 4 + j]) ** 2;
      expect(km.distances[r]).toBeCloseTo(d, 10);
      expect(km.distances[r]).toBeLessThan(0.2);
    }
  });

  test('the same seed gives the same clustering; the centres are the members\' means', () => {
    const rng = new Rng(5);
    const data = Float32Array.from({ length: 200 * 3 }, () => rng.next());
    const a = kmeans(data, 200, 3, 4, 42);
    const b = kmeans(data, 200, 3, 4, 42);
    expect(Array.from(a.assignment)).toEqual(Array.from(b.assignment));
    for (let c = 0; c < 4; c++) {
      const members = Array.from(a.assignment).flatMap((x, r) => (x === c ? [r] : []));
      for (let j = 0; j < 3; j++) expect(a.centroids[c * 3 + j]).toBeCloseTo(members.reduce((s, r) => s + data[r * 3 + j], 0) / members.length, 5);
    }
  });

  test('more clusters than rows is the user\'s mistake, said plainly', () => {
    expect(() => kmeans(new Float32Array(6), 3, 2, 4, 1)).toThrow(/Cannot make 4 clusters of 3 images/);
  });
});
