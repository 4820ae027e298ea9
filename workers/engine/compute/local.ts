import { tf } from '../tf';
import { nativeKernelsSupported } from '../native/kernels';
import type { ModelSpec } from '../models/spec';
import type { ModelWeights } from '../models/weights';
import { throwIfAborted } from '../train/errors';
import type { TrainingPlan } from '../train/plan';
import { runProgress } from './progress';
import { ShardHost } from './shard-host';
import { sharedBasisSteps, type SharedBasisJob } from '../attribution/ekfac-shared-basis';
import type { Compute, ComputeInputs, Ensemble, InputSetName, RunOptions } from './types';

/**
 * Compute in the calling thread: every ensemble is one shard of this thread's ShardHost.
 * For GPU backends (one device, fused ensembles), single-model runs, and tests. A run
 * yields to the event loop at every loss check so an AbortSignal can stop it there.
 */
export function localCompute(o: { native?: boolean } = {}): Compute {
  const native = (o.native ?? true) && nativeKernelsSupported();
  const host = new ShardHost(native);
  let nextId = 1;

  const handle = (id: number, spec: ModelSpec, size: number, inputDim: number, classes: number): Ensemble => ({
    spec,
    size,
    inputDim,
    classes,
    async train(plan: TrainingPlan, run: RunOptions = {}) {
      const progress = runProgress(1, run.stage ?? 'Training', run.onProgress);
      return host.train(id, plan, async (done, total, loss, examples) => {
        progress(0, done, total, loss, examples);
        if (run.signal) {
          await new Promise((r) => setTimeout(r, 0));
          throwIfAborted(run.signal);
        }
      }, run.checkpoint);
    },
    predict: (set: InputSetName, rows?: Int32Array) => host.predict(id, set, rows),
    weights: (count?: number) => host.weights(id, count),
    curvature: (labels: Uint8Array) => host.curvature(id, labels),
    async clone() {
      const to = nextId++;
      host.clone(id, to);
      return handle(to, spec, size, inputDim, classes);
    },
    dispose: () => host.dispose(id),
  });

  return {
    engine: native ? 'native' : 'tfjs',
    get backend() {
      return tf.getBackend();
    },
    threads: 1,
    async setInputs(inputs: ComputeInputs) {
      host.setInputs(inputs);
    },
    async createEnsemble(spec: ModelSpec, inputDim: number, classes: number, seeds: number[]) {
      const id = nextId++;
      host.create(id, spec, inputDim, classes, seeds);
      return handle(id, spec, seeds.length, inputDim, classes);
    },
    async ensembleFromWeights(spec: ModelSpec, inputDim: number, classes: number, weights: ModelWeights[]) {
      const id = nextId++;
      host.load(id, spec, inputDim, classes, weights);
      return handle(id, spec, weights.length, inputDim, classes);
    },
    async sharedBasisSteps(j: SharedBasisJob) {
      return native ? sharedBasisSteps(j) : null;
    },
    async usage() {
      return { threads: [host.usage()] };
    },
    dispose() {
      host.setInputs({ sets: {}, imageShape: null });
    },
  };
}
