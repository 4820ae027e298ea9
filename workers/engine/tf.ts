/**
 * The one place the engine imports TensorFlow.js from. `@tensorflow/tfjs` brings the
 * core ops, every gradient, and the cpu and webgl backends; wasm and webgpu are
 * registered by their own side-effect imports (see ./backend/select.ts).
 */
import * as tf from '@tensorflow/tfjs';

export { tf };
export type Tensor = tf.Tensor;
