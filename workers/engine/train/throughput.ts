import type { Compute } from '../compute/types';
import type { Dataset } from '../data/types';
import { inputDimOf, modelInputs } from '../models/inputs';
import type { ModelKind } from '../models/spec';
import { range } from './batches';
import { crossEntropyPlan } from './train-ensemble';

/**
 * Training throughput (images/s per model) of `models` models trained together, batch 128,
 * on `compute`: a short warm-up run, then a timed run of about `examples` images per model.
 */
export async function trainingThroughput(compute: Compute, dataset: Dataset, kind: ModelKind, models: number, examples: number): Promise<number> {
  const spec = { kind, hidden: 128 };
  await compute.setInputs(await modelInputs(dataset, spec));
  const ensemble = await compute.createEnsemble(spec, inputDimOf(spec), dataset.classNames.length, Array.from({ length: models }, (_, i) => i + 1));
  const plan = (count: number) =>
    crossEntropyPlan({
      orderSeed: 1,
      labels: dataset.train.labels,
      indices: range(Math.min(dataset.train.count, count)),
      training: { epochs: Math.max(1, Math.ceil(count / dataset.train.count)), batchSize: 128, learningRate: 1e-3, schedule: 'constant' },
    });
  try {
    await ensemble.train(plan(256)); // warm-up: kernel compilation, allocations
    const r = await ensemble.train(plan(examples));
    return r.examples / models / r.seconds;
  } finally {
    ensemble.dispose();
  }
}
