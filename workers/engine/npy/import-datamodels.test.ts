import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng';
import { classifyNpyFiles, importDatamodels, type ImportDataset } from './import-datamodels';
import { NpyError, writeNpy } from './npy';

const summary: ImportDataset = {
  trainSize: 6,
  validationSize: 3,
  classes: 3,
  trainLabels: Uint8Array.from([0, 1, 2, 0, 1, 2]),
  validationLabels: Uint8Array.from([2, 1, 0]),
};
const T = 9;
const rng = new Rng(5);
const rand = (count: number) => Float32Array.from({ length: count }, () => rng.normal());

function errorOf(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

describe('importDatamodels', () => {
  it('per-logit β [n, targets, C]: removal effect is the sum of the forget rows', () => {
    const beta = rand(6 * T * 3);
    const { datamodels: dm } = importDatamodels({ weights: { name: 'betas.npy', bytes: writeNpy(beta, [6, T, 3]) } }, summary);
    expect(dm.output).toBe('logits');
    const effect = dm.removalEffect(Int32Array.of(1, 4), 'validation', Int32Array.of(2));
    for (let c = 0; c < 3; c++) expect(effect[c]).toBeCloseTo(beta[(1 * T + 8) * 3 + c] + beta[(4 * T + 8) * 3 + c], 5);
  });

  it('margin β [n, targets] (float16): effect lands on the true-label logit only', () => {
    const beta = rand(6 * T);
    const { datamodels: dm } = importDatamodels({ weights: { name: 'm.npy', bytes: writeNpy(beta, [6, T], 'float16') } }, summary);
    expect(dm.output).toBe('margin');
    expect(dm.info.dtype).toBe('float16');
    const e = dm.removalEffect(Int32Array.of(0, 5), 'train', Int32Array.of(1)); // label 1
    expect(e[0]).toBe(0);
    expect(e[2]).toBe(0);
    expect(e[1]).toBeCloseTo(beta[0 * T + 1] + beta[5 * T + 1], 2);
  });

  it('reads intercepts and margins when given, and checks their shapes', () => {
    const files = {
      weights: { name: 'w.npy', bytes: writeNpy(rand(6 * T), [6, T]) },
      intercepts: { name: 'b.npy', bytes: writeNpy(rand(T), [T]) },
      margins: { name: 'margins.npy', bytes: writeNpy(rand(4 * T), [4, T]) },
    };
    const r = importDatamodels(files, summary);
    expect(r.margins?.models).toBe(4);
    expect(r.margins?.values.length).toBe(4 * T);
    const badMargins = { ...files, margins: { name: 'margins.npy', bytes: writeNpy(rand(4 * 6), [4, 6]) } };
    expect(errorOf(() => importDatamodels(badMargins, summary)).message).toMatch(/^margins\.npy: shape \(4, 6\) .*expected \(models, n_targets\) = \(models, 9\)/);
    const badB = { ...files, intercepts: { name: 'b.npy', bytes: writeNpy(rand(T * 3), [T, 3]) } };
    expect(errorOf(() => importDatamodels(badB, summary)).message).toMatch(/^b\.npy: shape \(9, 3\).*expected \(9\)/);
  });

  it('wrong β shape: says expected and actual, and why', () => {
    const e = errorOf(() => importDatamodels({ weights: { name: 'betas.npy', bytes: writeNpy(rand(6 * 3), [6, 3]) } }, summary));
    expect(e).toBeInstanceOf(NpyError);
    expect(e.message).toBe(
      'betas.npy: shape (6, 3) does not match the dataset: expected (n_train, n_targets) = (6, 9) or (n_train, n_targets, classes) = (6, 9, 3) (n_targets = train pool 6 + validation 3)',
    );
    // transposed (targets first) is the classic mistake
    expect(errorOf(() => importDatamodels({ weights: { name: 't.npy', bytes: writeNpy(rand(6 * T), [T, 6]) } }, summary)).message).toMatch(/shape \(9, 6\)/);
    expect(errorOf(() => importDatamodels({ weights: { name: 'c.npy', bytes: writeNpy(rand(6 * T * 4), [6, T, 4]) } }, summary)).message).toMatch(/shape \(6, 9, 4\)/);
  });

  it('non-finite weights are refused with their position', () => {
    const beta = rand(6 * T);
    beta[13] = NaN;
    expect(errorOf(() => importDatamodels({ weights: { name: 'nan.npy', bytes: writeNpy(beta, [6, T]) } }, summary)).message).toBe('nan.npy: non-finite value NaN at flat index 13');
  });
});

describe('classifyNpyFiles', () => {
  const f = (name: string) => ({ name, bytes: new Uint8Array() });
  it('assigns roles by name', () => {
    const r = classifyNpyFiles([f('run/datamodels.npy'), f('run/margins.npy'), f('run/intercepts.npy'), f('notes.txt')]);
    expect(r.weights.name).toBe('run/datamodels.npy');
    expect(r.margins?.name).toBe('run/margins.npy');
    expect(r.intercepts?.name).toBe('run/intercepts.npy');
  });
  it('refuses to guess', () => {
    expect(() => classifyNpyFiles([f('a.npy'), f('b.npy')])).toThrow(/several files look like weights/);
    expect(() => classifyNpyFiles([f('margins.npy')])).toThrow(/no \.npy file with datamodel weights/);
  });
});
