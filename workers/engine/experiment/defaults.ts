import type { ModelKind } from '../models/spec';
import type { TrainingOptions } from '../train/train-ensemble';

/**
 * Training defaults per model, chosen on this project's 2-core reference machine so that
 * the default preset finishes in minutes while the originals still memorize (train
 * accuracy well above validation: there is something to unlearn). See README "Benchmarks".
 */
export function defaultTraining(kind: ModelKind): TrainingOptions {
  switch (kind) {
    case 'linear':
      return { epochs: 20, batchSize: 128, learningRate: 3e-3, schedule: 'cosine' };
    case 'mlp':
      return { epochs: 15, batchSize: 128, learningRate: 3e-3, schedule: 'cosine' };
    case 'cnn-s':
      return { epochs: 15, batchSize: 128, learningRate: 3e-3, schedule: 'cosine' };
  }
}
