// Entry point of the native kernels module (see ../README.md): everything the engine calls.
export { denseForward, denseWeightGradient, panelColumnSums, transpose } from './dense';
export {
  pad3x3, conv3x3, conv3x3WeightGradientAdd, flipKernel, reluBackward,
  maxPool2Forward, maxPool2Backward, globalAveragePool, globalAveragePoolBackward,
} from './conv';
export { headForward, headBackward, packLogitGradient } from './head';
export { crossEntropyTerm, squaredErrorTerm, distillationTerm } from './losses';
export { adam, allFinite } from './optimizer';

/** First byte after the module's static data (its math tables): workspaces start above it. */
export function heapBase(): usize {
  return __heap_base;
}
export { spdInverse } from './linalg';
