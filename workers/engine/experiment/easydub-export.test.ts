import { beforeAll, describe, expect, it } from 'vitest';
import { initWasmBackend, smallDataset, smallExperiment } from '../testing/fixtures';
import { easydubFiles } from './easydub-export';
import { readEasydubLayout, type LayoutFile } from './easydub-layout';
import { evaluateMargins } from './evaluate-margins';
import { runExperiment } from './run-experiment';

beforeAll(initWasmBackend);

describe('a run exported in the EasyDUB layout', () => {
  it('reads back, method by method, to the KLoM and noise floor the run itself reported', async () => {
    const dataset = await smallDataset();
    const x = smallExperiment({ ensemble: { models: 4 }, methods: [{ id: 'none', params: {} }, { id: 'ft', params: {} }, { id: 'ft', params: { epochs: 3 } }] });
    const r = await runExperiment(x, { dataset });
    const files: LayoutFile[] = easydubFiles(r).map((f) => ({ path: f.path, read: async () => f.bytes }));
    expect(files.some((f) => f.path === 'margins/cifar10/ft-2/forget_0/resnet9/id_3_epoch_23.npy')).toBe(true);
    for (const [kind, method] of [['pretrain', r.methods[0]], ['ft', r.methods[1]], ['ft-2', r.methods[2]]] as const) {
      const input = await readEasydubLayout(files, { unlearned: kind });
      expect(input.oracles2).toBeDefined(); // the second oracles ride along as oracle ids N…2N−1
      const ev = evaluateMargins({ ...input, groupsName: 'export' });
      for (const g of ['forget', 'retain', 'validation'] as const) {
        expect(ev.klom[g].summary.p95).toBeCloseTo(method.evaluation!.klom[g].summary.p95, 6);
        expect(ev.noiseFloor![g].summary.p95).toBeCloseTo(r.reference.noiseFloor![g].summary.p95, 6);
      }
    }
  });
});
