import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/select';
import { localCompute } from '../compute/local';
import { makeSyntheticDataset } from '../data/dataset';
import { benchAttribution, formatAttributionBench } from './bench';
import { formatLds } from './lds';

/** Smoke test of the bench helper on a tiny synthetic dataset (the real run is `npm run bench`). */
beforeAll(async () => {
  await initBackend('wasm');
});

describe('benchAttribution', () => {
  it('reports cost, LDS and preview latency for every estimator, in print-ready form', async () => {
    const dataset = await makeSyntheticDataset({ seed: 3, trainSize: 120, validationSize: 40 });
    const lines: string[] = [];
    const r = await benchAttribution({
      compute: localCompute(),
      dataset,
      spec: { kind: 'linear', hidden: 8 },
      training: { epochs: 3, batchSize: 32, learningRate: 0.01, schedule: 'cosine' },
      originals: 2,
      regression: { models: 16, chunkSize: 16, support: 4 },
      trak: { calibrationModels: 2, models: 2 },
      lds: { models: 8 },
      log: (l) => lines.push(l),
    });
    expect(r.rows.map((row) => row.estimator)).toEqual(['regression', 'regression-sparse', 'trak', 'trak-last-layer', 'random']);
    for (const row of r.rows) {
      expect(row.lds.perTarget.length).toBe(160);
      expect(Number.isFinite(row.previewMs)).toBe(true);
    }
    expect(r.rows[0].modelsTrained).toBe(16);
    expect(r.rows[2].modelsTrained).toBe(2);
    const table = formatAttributionBench(r);
    expect(table).toContain('Regression datamodels (ridge)');
    expect(table.split('\n')).toHaveLength(3 + 5);
    expect(lines.some((l) => l.includes('LDS check: 8 fresh subset models'))).toBe(true);
    expect(formatLds(r.rows[0].lds)).toMatch(/^LDS: -?\d\.\d{3} \(Spearman of true-label margin over 8 fresh α=0\.5 subsets/);
  });
});
