import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { attributionProvider } from '../../workers/engine/experiment/attribution-provider';
import { runExperiment } from '../../workers/engine/experiment/run-experiment';
import { writeNpy } from '../../workers/engine/npy/npy';
import { Rng } from '../../workers/engine/util/rng';
import { initWasmBackend, smallDataset, smallExperiment } from '../../workers/engine/testing/fixtures';
import { withImportedDatamodels } from './imported-datamodels';

beforeAll(initWasmBackend);

describe('CLI --datamodels: datamodels computed elsewhere, imported from .npy', () => {
  it('DM-direct with estimator "imported" predicts z_orig − Σβ from the file; a wrong shape fails that method clearly', async () => {
    const dataset = await smallDataset();
    const n = dataset.train.count;
    const t = n + dataset.validation.count;
    const rng = new Rng(3);
    const beta = Float32Array.from({ length: n * t }, () => rng.normal() * 0.01);
    const dir = mkdtempSync(join(tmpdir(), 'npy-'));
    writeFileSync(join(dir, 'beta.npy'), writeNpy(beta, [n, t], 'float32'));
    writeFileSync(join(dir, 'wrong.npy'), writeNpy(beta.subarray(0, 10 * t), [10, t], 'float32'));
    const x = smallExperiment({ methods: [{ id: 'none', params: {} }, { id: 'dm-direct', params: { estimator: 'imported' } }] });
    const ok = await runExperiment(x, { dataset, attribution: withImportedDatamodels(attributionProvider, join(dir, 'beta.npy')) });
    const [none, direct] = ok.methods;
    expect(direct.status).toBe('ok');
    expect(ok.attribution[0].estimator).toBe('imported');
    // margin datamodels move only the true-label logit, so margins shift by exactly −Σ_{i∈F} β_i(x)
    const f = ok.points.forget;
    const x0 = ok.points.validation[0];
    let effect = 0;
    for (const i of f) effect += beta[i * t + n + x0];
    expect(direct.outputs!.margins.validation[0][0]).toBeCloseTo(none.outputs!.margins.validation[0][0] - effect, 3);

    const bad = await runExperiment(x, { dataset, attribution: withImportedDatamodels(attributionProvider, join(dir, 'wrong.npy')) });
    expect(bad.methods[1].status).toBe('failed');
    expect(bad.warnings.join(' ')).toMatch(/wrong\.npy.*does not match the dataset/);
    expect(bad.methods[0].status).toBe('ok');
  });
});
