import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../tf';
import { createEnsemble, disposeEnsemble, readWeights } from '../models/ensemble';
import { prepareInputs, disposeInputs } from '../models/inputs';
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
    const inputs = await prepareInputs(dataset, spec);
    const train = async (seed: number) => {
      const { ensemble } = await trainEnsemble({
        spec, seeds: [seed, seed + 1], orderSeed: seed, inputs: inputs.train, inputDim: inputs.inputDim,
        labels: dataset.train.labels, classes: 10, indices: range(dataset.train.count), training: { ...training, epochs: 2 }, stage: 't',
      });
      const w = await readWeights(ensemble);
      disposeEnsemble(ensemble);
      return w.tensors.map((t) => Array.from(t.values));
    };
    const a = await train(5);
    const b = await train(5);
    const c = await train(6);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    disposeInputs(inputs);
  });

  it('repeated training leaks no tensors', async () => {
    const dataset = await smallDataset();
    const run = () => trainClassifier({ dataset, spec: { kind: 'mlp', hidden: 16 }, training: { ...training, epochs: 1 }, seed: 2 });
    await run();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) await run();
    expect(tf.memory().numTensors).toBe(before);
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
    const e = createEnsemble({ kind: 'linear', hidden: 8 }, 6, 3, [1, 2]);
    const w = await readWeights(e);
    const v = w.tensors[0].values; // [6, 2·3]: columns 0–2 model 0, 3–5 model 1
    expect(v[0]).not.toBe(v[3]);
    disposeEnsemble(e);
  });
});
