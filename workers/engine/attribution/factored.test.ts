import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng';
import { DenseDatamodels } from './dense';
import { FactoredDatamodels } from './factored';
import { DenseRight, KronRight } from './right-factors';
import { deserializeDatamodels } from './serialize';
import { SparseDatamodels } from './sparse';
import type { Datamodels } from './types';

/**
 * The factored forms must answer exactly what the explicit β would. Tiny sizes, every
 * block type, β materialised here by its own formula (not through the classes' code).
 */
const n = 7;
const v = 4;
const T = n + v;
const C = 3;
const rng = new Rng(11);
const rand = (count: number) => Float32Array.from({ length: count }, () => rng.normal());

const K1 = 2; // dense block
const KA = 2; // kron block with B
const KB = 3;
const KI = 2; // kron block with identity (kb = C)
const K = K1 + KA * KB + KI * C;
const left = rand(n * K);
const dense = rand(K1 * T * C);
const a1 = rand(T * KA);
const b1 = rand(T * KB * C);
const a2 = rand(T * KI);
const intercept = rand(T * C);
const self = rand(n * C); // extra weight of each train point on its own output

/** R_k(t, c) straight from the definitions in right-factors.ts. */
function r(k: number, t: number, c: number): number {
  if (k < K1) return dense[(k * T + t) * C + c];
  k -= K1;
  if (k < KA * KB) {
    const p = Math.floor(k / KB);
    const q = k % KB;
    return a1[t * KA + p] * b1[(t * KB + q) * C + c];
  }
  k -= KA * KB;
  const p = Math.floor(k / C);
  const q = k % C;
  return q === c ? a2[t * KI + p] : 0;
}
const beta = new Float32Array(n * T * C);
for (let i = 0; i < n; i++) for (let t = 0; t < T; t++) for (let c = 0; c < C; c++) {
  let s = 0;
  for (let k = 0; k < K; k++) s += left[i * K + k] * r(k, t, c);
  beta[(i * T + t) * C + c] = s + (i === t ? self[i * C + c] : 0);
}

const factored = new FactoredDatamodels({
  trainSize: n,
  validationSize: v,
  classes: C,
  estimator: 'trak',
  cost: { seconds: 1.5, modelsTrained: 3 },
  info: { note: 'test' },
  left,
  blocks: [new DenseRight(dense, K1, T, C), new KronRight(a1, b1, KA, KB, T, C), new KronRight(a2, null, KI, C, T, C)],
  intercept,
  self,
});
const explicit = new DenseDatamodels({
  trainSize: n,
  validationSize: v,
  classes: C,
  estimator: 'imported',
  output: 'logits',
  cost: { seconds: 0, modelsTrained: 0 },
  info: {},
  beta,
  intercept,
});

function expectedEffect(forget: number[], t: number, c: number): number {
  return forget.reduce((s, i) => s + beta[(i * T + t) * C + c], 0);
}

function checkAgainstExplicit(dm: Datamodels) {
  const forget = Int32Array.of(0, 3, 6);
  const trainAll = dm.removalEffect(forget, 'train');
  expect(trainAll.length).toBe(n * C);
  for (let t = 0; t < n; t++) for (let c = 0; c < C; c++) expect(trainAll[t * C + c]).toBeCloseTo(expectedEffect([0, 3, 6], t, c), 4);
  const rows = Int32Array.of(3, 0, 2); // unordered subset of validation rows
  const val = dm.removalEffect(forget, 'validation', rows);
  rows.forEach((row, k) => {
    for (let c = 0; c < C; c++) expect(val[k * C + c]).toBeCloseTo(expectedEffect([0, 3, 6], n + row, c), 4);
  });
  // predict(S') = b + Σ_{i∈S'} β_i, from a mask or from a list
  const included = [1, 2, 5];
  const mask = new Uint8Array(n);
  for (const i of included) mask[i] = 1;
  for (const arg of [mask, Int32Array.from(included)]) {
    const p = dm.predict(arg, 'validation');
    for (let t = 0; t < v; t++) for (let c = 0; c < C; c++) {
      expect(p[t * C + c]).toBeCloseTo(intercept[(n + t) * C + c] + expectedEffect(included, n + t, c), 4);
    }
  }
  const pt = dm.predict(mask, 'train', Int32Array.of(2, 4)); // 2 is in S' (its self weight counts), 4 is not
  [2, 4].forEach((t, k) => {
    for (let c = 0; c < C; c++) expect(pt[k * C + c]).toBeCloseTo(intercept[t * C + c] + expectedEffect(included, t, c), 4);
  });
  const ws = dm.weightsOf('train', 3);
  for (let i = 0; i < n; i++) for (let c = 0; c < C; c++) expect(ws[i * C + c]).toBeCloseTo(beta[(i * T + 3) * C + c], 4);
  const w = dm.weightsOf('validation', 1);
  for (let i = 0; i < n; i++) for (let c = 0; c < C; c++) expect(w[i * C + c]).toBeCloseTo(beta[(i * T + n + 1) * C + c], 4);
}

describe('factored datamodels', () => {
  it('removalEffect, predict and weightsOf equal the explicit β on every block type', () => {
    checkAgainstExplicit(factored);
    checkAgainstExplicit(explicit); // and the dense form used by imports agrees too
  });

  it('the identity (last-layer) block is exact for any class count and odd row counts', () => {
    for (const [classes, ka, rows] of [[7, 3, 5], [10, 4, 4], [5, 2, 1], [2, 3, 3]]) {
      const t = 6;
      const a = rand(t * ka);
      const u = Float64Array.from(rand(ka * classes + 2));
      const targets = Int32Array.from({ length: rows }, (_, r) => (r * 5 + 1) % t);
      const out = new Float64Array(rows * classes);
      new KronRight(a, null, ka, classes, t, classes).apply(u, 2, targets, out);
      targets.forEach((target, r) => {
        for (let c = 0; c < classes; c++) {
          let want = 0;
          for (let p = 0; p < ka; p++) want += a[target * ka + p] * u[2 + p * classes + c];
          expect(out[r * classes + c]).toBeCloseTo(want, 10);
        }
      });
    }
  });

  it('an empty forget set has no effect; bad indices are refused, not ignored', () => {
    expect(Array.from(factored.removalEffect(new Int32Array(), 'train')).every((x) => x === 0)).toBe(true);
    expect(() => factored.removalEffect(Int32Array.of(n), 'train')).toThrow(/outside/);
    expect(() => factored.removalEffect(Int32Array.of(1, 1), 'train')).toThrow(/twice/);
    expect(() => factored.removalEffect(Int32Array.of(1), 'validation', Int32Array.of(v))).toThrow(/validation row 4/);
    expect(() => factored.predict(new Uint8Array(n + 1), 'train')).toThrow(/mask/);
  });

  it('serialises to a header and blobs and back, for every kind', () => {
    const sparse = new SparseDatamodels({
      trainSize: n,
      validationSize: v,
      classes: C,
      estimator: 'regression-sparse',
      cost: { seconds: 2, modelsTrained: 8 },
      info: { support: 2 },
      support: 2,
      indices: Int32Array.from({ length: T * 2 }, (_, k) => (k * 3) % n),
      weights: rand(T * 2 * C),
      intercept,
    });
    for (const dm of [factored, explicit, sparse] as Datamodels[]) {
      const s = dm.serialize();
      const json = JSON.parse(JSON.stringify(s.header));
      const back = deserializeDatamodels({ header: json, blobs: s.blobs.map((b) => b.slice()) });
      expect(back.estimator).toBe(dm.estimator);
      expect(back.cost).toEqual(dm.cost);
      const forget = Int32Array.of(1, 4);
      expect(Array.from(back.removalEffect(forget, 'validation'))).toEqual(Array.from(dm.removalEffect(forget, 'validation')));
      expect(Array.from(back.predict(Int32Array.of(0, 2), 'train'))).toEqual(Array.from(dm.predict(Int32Array.of(0, 2), 'train')));
    }
  });

  it('restoring refuses a tampered header or missing blobs', () => {
    const s = factored.serialize();
    expect(() => deserializeDatamodels({ header: { ...s.header, version: 2 }, blobs: s.blobs })).toThrow(/bad header.*version/);
    expect(() => deserializeDatamodels({ header: s.header, blobs: s.blobs.slice(0, 3) })).toThrow(/fewer blobs/);
    expect(() => deserializeDatamodels({ header: { ...s.header, trainSize: n + 1 }, blobs: s.blobs })).toThrow(/DenseRight: 66 values for 2×12×3/);
  });
});
