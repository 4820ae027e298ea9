import { localCompute } from '../compute/local';
import type { Compute } from '../compute/types';
import type { Dataset } from '../data/types';
import { inputDimOf, modelInputs } from '../models/inputs';
import type { ModelSpec } from '../models/spec';
import { tf } from '../tf';
import { range } from './batches';
import { accuracyFromLogits } from './predict';
import type { ProgressFn } from './progress';
import { crossEntropyPlan, type TrainingOptions } from './train-ensemble';

/** One point of a training curve, per epoch. */
export interface EpochRecord {
  epoch: number;
  loss: number;
  trainAccuracy: number;
  validationAccuracy: number;
  seconds: number;
}

export interface ClassifierResult {
  spec: ModelSpec;
  training: TrainingOptions;
  seed: number;
  backend: string;
  /** What trained the model: the native wasm kernels, or tfjs on `backend`. */
  engine: 'native' | 'tfjs';
  history: EpochRecord[];
  trainAccuracy: number;
  validationAccuracy: number;
  seconds: number;
  examplesPerSecond: number;
}

export interface TrainClassifierArgs {
  dataset: Dataset;
  spec: ModelSpec;
  training: TrainingOptions;
  seed: number;
  onProgress?: ProgressFn;
  /** Called after each epoch with its record (for a live chart). */
  onEpoch?: (record: EpochRecord) => void;
  signal?: AbortSignal;
  /** Where the model trains (default: this thread, native kernels where they apply). */
  compute?: Compute;
}

/**
 * Trains one model on the whole train pool and measures train and validation accuracy
 * after every epoch, so the page can chart them live. This is the walking skeleton's
 * "Train" button and `npm run lab -- train`; experiments train ensembles directly.
 */
export async function trainClassifier(a: TrainClassifierArgs): Promise<ClassifierResult> {
  const start = performance.now();
  // Native kernels only when the backend is wasm: an explicit GPU or cpu choice is honoured.
  const compute = a.compute ?? localCompute({ native: tf.getBackend() === 'wasm' });
  await compute.setInputs(await modelInputs(a.dataset, a.spec, (f) => a.onProgress?.({ stage: 'Computing features', done: f, total: 1, secondsLeft: null })));
  const classes = a.dataset.classNames.length;
  const ensemble = await compute.createEnsemble(a.spec, inputDimOf(a.spec), classes, [a.seed]);
  const history: EpochRecord[] = [];
  const plan = crossEntropyPlan({ indices: range(a.dataset.train.count), labels: a.dataset.train.labels, training: a.training, orderSeed: a.seed });
  try {
    const run = await ensemble.train(plan, {
      stage: 'Training',
      onProgress: a.onProgress,
      signal: a.signal,
      checkpoint: {
        every: Math.ceil(a.dataset.train.count / a.training.batchSize),
        run: async () => {
          const trainLogits = await ensemble.predict('train');
          const valLogits = await ensemble.predict('validation');
          const record: EpochRecord = {
            epoch: history.length + 1,
            loss: meanCrossEntropy(trainLogits, classes, a.dataset.train.labels),
            trainAccuracy: accuracyFromLogits(trainLogits, 1, classes, a.dataset.train.labels)[0],
            validationAccuracy: accuracyFromLogits(valLogits, 1, classes, a.dataset.validation.labels)[0],
            seconds: (performance.now() - start) / 1000,
          };
          history.push(record);
          a.onEpoch?.(record);
          if (a.signal) await new Promise((r) => setTimeout(r, 0)); // let a cancel through between epochs
        },
      },
    });
    const last = history[history.length - 1];
    return {
      spec: a.spec,
      training: a.training,
      seed: a.seed,
      backend: tf.getBackend(),
      engine: compute.engine,
      history,
      trainAccuracy: last?.trainAccuracy ?? NaN,
      validationAccuracy: last?.validationAccuracy ?? NaN,
      seconds: (performance.now() - start) / 1000,
      examplesPerSecond: run.examples / Math.max(run.seconds, 1e-9),
    };
  } finally {
    ensemble.dispose();
  }
}

/** Mean cross-entropy of logits [rows × C] (one model) against labels, computed stably. */
function meanCrossEntropy(logits: Float32Array, classes: number, labels: Uint8Array): number {
  let total = 0;
  for (let r = 0; r < labels.length; r++) {
    const row = logits.subarray(r * classes, (r + 1) * classes);
    let max = -Infinity;
    for (const v of row) max = Math.max(max, v);
    let sum = 0;
    for (const v of row) sum += Math.exp(v - max);
    total += max + Math.log(sum) - row[labels[r]];
  }
  return total / Math.max(1, labels.length);
}
