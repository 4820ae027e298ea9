import { Rng, deriveSeed } from '../util/rng';
import { buildCnnLayout } from './cnn';
import type { ModelSpec } from './spec';

/**
 * One model's parameters in the engine's interchange layout, the order and row-major
 * shapes of `parameterShapes`: what caches store, what crosses between threads, and what
 * attribution reads. Every ensemble implementation (tfjs, native) converts to and from it.
 */
export type ModelWeights = Float32Array[];

/** Shapes of one model's parameters, in ModelWeights order. */
export function parameterShapes(spec: ModelSpec, inputDim: number, classes: number): number[][] {
  switch (spec.kind) {
    case 'linear':
      return [[inputDim, classes], [classes]];
    case 'mlp':
      return [[inputDim, spec.hidden], [spec.hidden], [spec.hidden, classes], [classes]];
    case 'cnn-s':
      return buildCnnLayout(classes).map((l) => l.shape);
  }
}

/** He-normal (ReLU layers, gain 2) or LeCun-normal (output layer, gain 1) values. */
function initValues(rng: Rng, count: number, fanIn: number, gain: number): Float32Array {
  const out = new Float32Array(count);
  const std = Math.sqrt(gain / fanIn);
  for (let i = 0; i < count; i++) out[i] = rng.normal() * std;
  return out;
}

/**
 * A model's initial weights from its seed alone (never from its position in an
 * ensemble or a worker), so every implementation and every pool size starts alike.
 */
export function initialWeights(spec: ModelSpec, inputDim: number, classes: number, seed: number): ModelWeights {
  const rng = new Rng(deriveSeed(seed, 'init'));
  switch (spec.kind) {
    case 'linear':
      return [initValues(rng, inputDim * classes, inputDim, 1), new Float32Array(classes)];
    case 'mlp': {
      const w1 = initValues(rng, inputDim * spec.hidden, inputDim, 2);
      const w2 = initValues(rng, spec.hidden * classes, spec.hidden, 1);
      return [w1, new Float32Array(spec.hidden), w2, new Float32Array(classes)];
    }
    case 'cnn-s':
      return buildCnnLayout(classes).map(({ shape, fanIn, gain }) => {
        const count = shape.reduce((a, b) => a * b, 1);
        return gain === 0 ? new Float32Array(count) : initValues(rng, count, fanIn, gain);
      });
  }
}
