import { describe, expect, test } from 'vitest';
import { datasetRequirementProblem, meetsRequirement } from './dataset-requirement';

const synthetic = { id: 'synthetic', syntheticSeed: 1, trainSize: 5000, validationSize: 1000 };
const cifar = { id: 'cifar10', syntheticSeed: 1, trainSize: 20000, validationSize: 5000 };

describe('dataset requirement', () => {
  test('synthetic: the same size and seed meet it, another size does not', () => {
    expect(meetsRequirement(synthetic, { id: 'synthetic', trainSize: 5000 }, 'synthetic', 1)).toBe(true);
    expect(meetsRequirement(synthetic, { id: 'synthetic', trainSize: 2000 }, 'synthetic', 1)).toBe(false);
    expect(meetsRequirement(synthetic, { id: 'synthetic', trainSize: 5000 }, 'synthetic', 2)).toBe(false);
  });

  test('real data: the same id from files or a prepared folder meets it; the embedded data does not', () => {
    expect(meetsRequirement(cifar, { id: 'cifar10', trainSize: 50000 }, 'files', 1)).toBe(true);
    expect(meetsRequirement(cifar, { id: 'cifar10', trainSize: 20000 }, 'prepared:cifar10', 1)).toBe(true);
    expect(meetsRequirement(cifar, { id: 'synthetic', trainSize: 5000 }, 'synthetic', 1)).toBe(false);
    expect(meetsRequirement(cifar, null, null, 1)).toBe(false);
  });

  test('the problem names the dataset; no requirement, no problem', () => {
    expect(datasetRequirementProblem(cifar, { id: 'synthetic', trainSize: 5000 }, 'synthetic', 1)).toMatch(/^This link was made on CIFAR-10 \(cifar10\): load it/);
    expect(datasetRequirementProblem(null, { id: 'synthetic', trainSize: 5000 }, 'synthetic', 1)).toBeNull();
  });
});
