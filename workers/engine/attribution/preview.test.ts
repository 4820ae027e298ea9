import { describe, expect, it } from 'vitest';
import { marginAt } from '../metrics/margin';
import { Rng } from '../util/rng';
import { FactoredDatamodels } from './factored';
import { meanOverModels, predictedOracleLogitsFn, subtractRemoval } from './predicted-oracle';
import { previewRemoval } from './preview';
import { DenseRight, KronRight } from './right-factors';
import { SparseDatamodels } from './sparse';
import type { DatamodelsShape } from './types';

const rng = new Rng(21);
/** Uniform(−scale, scale): cheap to draw in the millions the benchmark needs. */
const rand = (count: number, scale = 1) => Float32Array.from({ length: count }, () => (2 * rng.next() - 1) * scale);
const labelsOf = (count: number, c: number) => Uint8Array.from({ length: count }, () => rng.int(c));

/** Regression-shaped datamodels: L [n × M], dense Yc [M × targets × C]. */
function regressionLike(shape: DatamodelsShape, m: number): FactoredDatamodels {
  const t = shape.trainSize + shape.validationSize;
  return new FactoredDatamodels({
    ...shape,
    estimator: 'regression',
    cost: { seconds: 0, modelsTrained: m },
    info: {},
    left: rand(shape.trainSize * m, 0.01),
    blocks: [new DenseRight(rand(m * t * shape.classes), m, t, shape.classes)],
    intercept: rand(t * shape.classes),
  });
}

/** TRAK-last-layer-shaped: `models` identity-Kronecker blocks of width ka. */
function trakLike(shape: DatamodelsShape, models: number, ka: number): FactoredDatamodels {
  const t = shape.trainSize + shape.validationSize;
  const c = shape.classes;
  return new FactoredDatamodels({
    ...shape,
    estimator: 'trak-last-layer',
    cost: { seconds: 0, modelsTrained: 0 },
    info: {},
    left: rand(shape.trainSize * models * ka * c, 0.01),
    blocks: Array.from({ length: models }, () => new KronRight(rand(t * ka), null, ka, c, t, c)),
    intercept: rand(t * c),
  });
}

function sparseLike(shape: DatamodelsShape, support: number): SparseDatamodels {
  const t = shape.trainSize + shape.validationSize;
  return new SparseDatamodels({
    ...shape,
    estimator: 'regression-sparse',
    cost: { seconds: 0, modelsTrained: 0 },
    info: {},
    support,
    indices: Int32Array.from({ length: t * support }, () => rng.int(shape.trainSize)),
    weights: rand(t * support * shape.classes, 0.1),
    intercept: rand(t * shape.classes),
  });
}

describe('instant preview', () => {
  it('equals the explicit z − Σ_{i∈F} β_i computation, point by point', () => {
    const shape = { trainSize: 30, validationSize: 12, classes: 4 };
    const dm = regressionLike(shape, 5);
    const z = { train: rand(30 * 4, 2), validation: rand(12 * 4, 2) };
    const labels = { train: labelsOf(30, 4), validation: labelsOf(12, 4) };
    const forget = Int32Array.of(2, 7, 11, 29);
    const p = previewRemoval({ datamodels: dm, originalLogits: z, labels, forget });
    const correct = { forget: [0, 0], retain: [0, 0], validation: [0, 0] };
    for (const set of ['train', 'validation'] as const) {
      const rows = set === 'train' ? 30 : 12;
      for (let r = 0; r < rows; r++) {
        // β_i(x) from weightsOf, summed over F by hand
        const w = dm.weightsOf(set, r);
        const after = new Float32Array(4);
        for (let c = 0; c < 4; c++) after[c] = z[set][r * 4 + c] - forget.reduce((s, i) => s + w[i * 4 + c], 0);
        const before = marginAt(z[set], r * 4, 4, labels[set][r]);
        const want = marginAt(after, 0, 4, labels[set][r]);
        expect(p.margins[set][r]).toBeCloseTo(want, 4);
        expect(p.before[set][r]).toBeCloseTo(before, 5);
        expect(p.change[set][r]).toBeCloseTo(want - before, 4);
        const argmax = (a: ArrayLike<number>, o: number) => [0, 1, 2, 3].reduce((b, k) => (a[o + k] > a[o + b] ? k : b), 0);
        const g = set === 'validation' ? 'validation' : forget.includes(r) ? 'forget' : 'retain';
        correct[g][0] += argmax(z[set], r * 4) === labels[set][r] ? 1 : 0;
        correct[g][1] += argmax(after, 0) === labels[set][r] ? 1 : 0;
      }
    }
    expect(p.accuracy.forget).toEqual({ before: correct.forget[0] / 4, after: correct.forget[1] / 4 });
    expect(p.accuracy.retain.after).toBeCloseTo(correct.retain[1] / 26, 12);
    expect(p.accuracy.validation.before).toBeCloseTo(correct.validation[0] / 12, 12);
  });

  it('gives DMM per-model targets: each original minus the same removal effect', async () => {
    const shape = { trainSize: 10, validationSize: 5, classes: 3 };
    const dm = regressionLike(shape, 4);
    const rows = Int32Array.of(4, 1);
    const forget = Int32Array.of(0, 9);
    const perModel = rand(2 * 2 * 3);
    const effect = dm.removalEffect(forget, 'validation', rows);
    const out = await predictedOracleLogitsFn(dm, forget, async () => perModel, 2)('validation', rows);
    for (let m = 0; m < 2; m++) for (let j = 0; j < 6; j++) expect(out[m * 6 + j]).toBeCloseTo(perModel[m * 6 + j] - effect[j], 6);
    expect(() => subtractRemoval(dm, forget, 'validation', rows, perModel.subarray(1), 2)).toThrow(/logits for 2×2×3/);
    expect(Array.from(meanOverModels(Float32Array.of(1, 2, 3, 5), 2))).toEqual([2, 3.5]);
  });

  it('at the CIFAR-subset size (5,085 pool + 1,017 validation, |F| = 500) every point moves by its own removal effect', () => {
    // Latency is a benchmark (`npm run bench -- --only attribution` prints it), not a test.
    const shape = { trainSize: 5085, validationSize: 1017, classes: 10 };
    const z = { train: rand(5085 * 10), validation: rand(1017 * 10) };
    const labels = { train: labelsOf(5085, 10), validation: labelsOf(1017, 10) };
    const forget = Int32Array.from(new Rng(2).sample(5085, 500));
    for (const dm of [regressionLike(shape, 128), sparseLike(shape, 32), trakLike(shape, 4, 129)]) {
      const p = previewRemoval({ datamodels: dm, originalLogits: z, labels, forget });
      const effect = dm.removalEffect(forget, 'validation');
      for (const r of [0, 517, 1016]) {
        const shifted = Float32Array.from({ length: 10 }, (_, j) => z.validation[r * 10 + j] - effect[r * 10 + j]);
        expect(p.margins.validation[r]).toBeCloseTo(marginAt(shifted, 0, 10, labels.validation[r]), 5);
      }
    }
  });
});
