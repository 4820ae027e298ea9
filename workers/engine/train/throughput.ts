import { tf } from '../tf';
import type { Dataset } from '../data/types';
import { createEnsemble, disposeEnsemble } from '../models/ensemble';
import { disposeInputs, prepareInputs } from '../models/inputs';
import type { ModelKind } from '../models/spec';
import { range } from './batches';
import { fitCrossEntropy } from './train-ensemble';

/**
 * Training throughput (images/s per model) of `models` models trained together, batch 128:
 * a short warm-up run, then a timed run of about `examples` images per model.
 */
export async function trainingThroughput(dataset: Dataset, kind: ModelKind, models: number, examples: number): Promise<number> {
  const spec = { kind, hidden: 128 };
  const inputs = await prepareInputs(dataset, spec);
  const ensemble = createEnsemble(spec, inputs.inputDim, dataset.classNames.length, Array.from({ length: models }, (_, i) => i + 1));
  const run = (count: number) =>
    fitCrossEntropy(ensemble, {
      orderSeed: 1,
      inputs: inputs.train,
      labels: dataset.train.labels,
      classes: dataset.classNames.length,
      indices: range(Math.min(dataset.train.count, count)),
      training: { epochs: 1, batchSize: 128, learningRate: 1e-3, schedule: 'constant' },
      stage: 'bench',
    });
  try {
    await run(256); // warm-up: kernel compilation, allocations
    const r = await run(examples);
    return r.examples / models / r.seconds;
  } finally {
    disposeEnsemble(ensemble);
    disposeInputs(inputs);
  }
}

/** Runs `f` on another backend and switches back (Node benchmarks compare wasm and cpu). */
export async function withBackend<T>(name: string, f: () => Promise<T>): Promise<T> {
  const prev = tf.getBackend();
  await tf.setBackend(name);
  await tf.ready();
  try {
    return await f();
  } finally {
    await tf.setBackend(prev);
  }
}
