import { Rng, deriveSeed } from '../util/rng';
import { FactoredDatamodels } from './factored';
import { DenseRight } from './right-factors';
import type { DatamodelsShape } from './types';

/**
 * Random β (factored, rank `rank`, Gaussian entries scaled by `scale`): the "no
 * attribution" reference. Its LDS is ~0 up to sampling noise, which tells the reader how
 * far above chance a real estimator is; tests use it as the floor an estimator must beat.
 */
export function randomDatamodels(shape: DatamodelsShape, seed: number, rank = 16, scale = 0.01): FactoredDatamodels {
  const rng = new Rng(deriveSeed(seed, 'random-datamodels'));
  const targets = shape.trainSize + shape.validationSize;
  const left = Float32Array.from({ length: shape.trainSize * rank }, () => rng.normal() * scale);
  const right = Float32Array.from({ length: rank * targets * shape.classes }, () => rng.normal());
  return new FactoredDatamodels({
    ...shape,
    estimator: 'random',
    cost: { seconds: 0, modelsTrained: 0 },
    info: { rank, scale },
    left,
    blocks: [new DenseRight(right, rank, targets, shape.classes)],
    intercept: new Float32Array(targets * shape.classes),
  });
}
