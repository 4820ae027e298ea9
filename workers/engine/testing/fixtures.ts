import { initBackend } from '../backend/select';
import { makeSyntheticDataset } from '../data/dataset';
import type { Dataset } from '../data/types';
import type { ExperimentInput } from '../experiment/schema';

/** Shared small settings for engine tests: fast on 2 cores, big enough to learn something. */
let small: Promise<Dataset> | null = null;

export function smallDataset(): Promise<Dataset> {
  small ??= makeSyntheticDataset({ seed: 7, trainSize: 600, validationSize: 200 });
  return small;
}

export async function initWasmBackend(): Promise<void> {
  await initBackend('wasm');
}

export function smallExperiment(overrides: Partial<ExperimentInput> = {}): ExperimentInput {
  return {
    version: 1,
    name: 'test',
    seed: 11,
    dataset: { id: 'synthetic', syntheticSeed: 7, trainSize: 600, validationSize: 200 },
    model: { kind: 'mlp', hidden: 32 },
    training: { epochs: 4, batchSize: 128, learningRate: 0.005, schedule: 'cosine' },
    ensemble: { models: 4 },
    forget: { kind: 'random', count: 20 },
    methods: [{ id: 'none', params: {} }],
    evaluation: { retainSample: 60, validationSample: 100, noiseFloor: true },
    ...overrides,
  };
}
