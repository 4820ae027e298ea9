import { tf } from '../tf';
import { createEnsemble, disposeEnsemble, type Ensemble } from '../models/ensemble';
import type { ModelSpec } from '../models/spec';
import { deriveSeed } from '../util/rng';
import { scheduleBatches } from './batches';
import { crossEntropyPerExample, ensembleMean } from './losses';
import { optimize, type LrSchedule, type OptimizeResult } from './optimize';
import type { ProgressFn } from './progress';

import type { TrainingOptions } from './training-schema';

export { trainingSchema, type TrainingOptions } from './training-schema';

export interface TrainEnsembleArgs {
  spec: ModelSpec;
  /** One seed per model: initialisation. The data order comes from `orderSeed`. */
  seeds: number[];
  orderSeed: number;
  inputs: tf.Tensor;
  inputDim: number;
  labels: Uint8Array;
  classes: number;
  /** Pool indices the ensemble trains on (S for originals, R for oracles). */
  indices: Int32Array;
  /**
   * Optional per-model 0/1 weights over the pool [N × poolSize]: model m only learns from
   * examples with weight 1 (datamodel subset models share batches, differ by mask).
   */
  exampleWeights?: Float32Array;
  training: TrainingOptions;
  stage: string;
  onProgress?: ProgressFn;
  signal?: AbortSignal;
}

/** Trains a new ensemble with cross-entropy. The caller owns (and disposes) the result. */
export async function trainEnsemble(a: TrainEnsembleArgs): Promise<{ ensemble: Ensemble; run: OptimizeResult }> {
  const ensemble = createEnsemble(a.spec, a.inputDim, a.classes, a.seeds);
  try {
    const run = await fitCrossEntropy(ensemble, a);
    return { ensemble, run };
  } catch (e) {
    disposeEnsemble(ensemble);
    throw e;
  }
}

/** Continues training an existing ensemble with cross-entropy on `indices` (also used by FT). */
export async function fitCrossEntropy(
  ensemble: Ensemble,
  a: Omit<TrainEnsembleArgs, 'spec' | 'seeds' | 'inputDim'> & { onEpochEnd?: (epoch: number) => Promise<void> },
): Promise<OptimizeResult> {
  const batches = scheduleBatches(a.indices, a.training.batchSize, deriveSeed(a.orderSeed, 'batches'), a.training.epochs);
  const n = ensemble.size;
  const stepsPerEpoch = Math.ceil(a.indices.length / a.training.batchSize);
  const poolSize = a.labels.length;
  return optimize({
    ensemble,
    steps: batches.length,
    learningRate: a.training.learningRate,
    schedule: a.training.schedule as LrSchedule,
    examplesPerStep: (s) => batches[s].length * n,
    stage: a.stage,
    onProgress: a.onProgress,
    signal: a.signal,
    afterStep: a.onEpochEnd ? (s) => ((s + 1) % stepsPerEpoch === 0 ? a.onEpochEnd!((s + 1) / stepsPerEpoch - 1) : undefined) : undefined,
    lossAt: (s) => {
      const b = batches[s];
      const idx = tf.tensor1d(b, 'int32');
      const x = tf.gather(a.inputs, idx);
      const y = tf.tensor1d(Array.from(b, (i) => a.labels[i]), 'int32');
      let w: tf.Tensor2D | null = null;
      if (a.exampleWeights) {
        const wv = new Float32Array(n * b.length);
        for (let m = 0; m < n; m++) for (let i = 0; i < b.length; i++) wv[m * b.length + i] = a.exampleWeights[m * poolSize + b[i]];
        w = tf.tensor2d(wv, [n, b.length]);
      }
      return ensembleMean(crossEntropyPerExample(ensemble.logits(x), y, ensemble.classes), w);
    },
  });
}
