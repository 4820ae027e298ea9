import { beforeAll, describe, expect, it } from 'vitest';
import { localCompute } from '../compute/local';
import { inputDimOf, modelInputs } from '../models/inputs';
import { tf } from '../tf';
import { smallDataset, initWasmBackend } from '../testing/fixtures';
import { range } from './batches';
import { CancelledError } from './errors';
import { trainClassifier } from './train-classifier';
import { trainEnsemble } from './train-ensemble';

beforeAll(initWasmBackend);

const training = { epochs: 6, batchSize: 64, learningRate: 0.005, schedule: 'cosine' as const };

describe('training (every model of the zoo, wasm)', () => {
  for (const kind of ['linear', 'mlp'] as const) {
    it(`${kind}: lowers the loss and beats chance on held-out data`, async () => {
      const dataset = await smallDataset();
      const r = await trainClassifier({ dataset, spec: { kind, hidden: 64 }, training, seed: 1 });
      expect(r.history).toHaveLength(training.epochs);
      expect(r.history[r.history.length - 1].loss).toBeLessThan(r.history[0].loss);
      expect(r.validationAccuracy).toBeGreaterThan(0.2); // chance is 0.1 with 10 classes
    });
  }

  it('cnn-s: trains on wasm (project-registered conv backprop kernels) and lowers the loss', async () => {
    const dataset = await smallDataset();
    const r = await trainClassifier({ dataset, spec: { kind: 'cnn-s', hidden: 256 }, training: { ...training, epochs: 2 }, seed: 1 });
    expect(r.history[1].loss).toBeLessThan(r.history[0].loss + 1e-3);
    expect(Number.isFinite(r.validationAccuracy)).toBe(true);
  });

  it('same seed on the same backend gives bit-identical weights; another seed does not', async () => {
    const dataset = await smallDataset();
    const spec = { kind: 'mlp' as const, hidden: 32 };
    const compute = localCompute();
    await compute.setInputs(await modelInputs(dataset, spec));
    const train = async (seed: number) => {
      const { ensemble } = await trainEnsemble(compute, {
        spec, seeds: [seed, seed + 1], orderSeed: seed, inputDim: inputDimOf(spec),
        labels: dataset.train.labels, classes: 10, indices: range(dataset.train.count), training: { ...training, epochs: 2 }, stage: 't',
      });
      const w = await ensemble.weights();
      ensemble.dispose();
      return w.flat().map((t) => Array.from(t));
    };
    const a = await train(5);
    const b = await train(5);
    const c = await train(6);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('repeated training leaks no ensemble and no tensor (native mlp, tfjs cnn-s)', async () => {
    const dataset = await smallDataset();
    const compute = localCompute();
    for (const spec of [{ kind: 'mlp' as const, hidden: 16 }, { kind: 'cnn-s' as const, hidden: 16 }]) {
      const run = () => trainClassifier({ dataset, spec, training: { ...training, epochs: 1 }, seed: 2, compute });
      await run();
      const before = JSON.stringify([(await compute.usage()).threads, tf.memory().numTensors]);
      for (let i = 0; i < 3; i++) await run();
      expect(JSON.stringify([(await compute.usage()).threads, tf.memory().numTensors])).toBe(before);
    }
  });

  it('cancelling stops training with CancelledError and frees its tensors', async () => {
    const dataset = await smallDataset();
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const p = trainClassifier({
      dataset, spec: { kind: 'mlp', hidden: 16 }, training: { ...training, epochs: 50 }, seed: 3, signal: controller.signal,
      onEpoch: (e) => e.epoch === 1 && controller.abort(),
    });
    await expect(p).rejects.toBeInstanceOf(CancelledError);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a fresh ensemble of N models has N different initialisations', async () => {
    const compute = localCompute();
    const e = await compute.createEnsemble({ kind: 'linear', hidden: 8 }, 6, 3, [1, 2]);
    const [a, b] = await e.weights();
    expect(a[0][0]).not.toBe(b[0][0]);
    e.dispose();
  });
});
