import * as Comlink from 'comlink';
import type { ModelSpec } from '../models/spec';
import type { ModelWeights } from '../models/weights';
import type { PlanReport, TrainingPlan } from '../train/plan';
import { ShardHost, type CheckFn } from './shard-host';
import type { ComputeInputs, InputSetName, ModelCurvature } from './types';
import { sharedBasisSteps, type SharedBasisJob } from '../attribution/ekfac-shared-basis';

/** What one pool worker exposes (through Comlink): its ShardHost, by ensemble id. */
export interface PoolWorkerApi {
  configure(o: { native: boolean; backend: string }): Promise<void>;
  setInputs(inputs: ComputeInputs): void;
  create(id: number, spec: ModelSpec, inputDim: number, classes: number, seeds: number[]): Promise<void>;
  load(id: number, spec: ModelSpec, inputDim: number, classes: number, weights: ModelWeights[]): Promise<void>;
  clone(from: number, to: number): void;
  train(id: number, plan: TrainingPlan, onCheck: CheckFn): Promise<PlanReport>;
  predict(id: number, set: InputSetName, rows?: Int32Array): Promise<Float32Array>;
  weights(id: number, count?: number): Promise<ModelWeights[]>;
  curvature(id: number, labels: Uint8Array): Promise<ModelCurvature[]>;
  sharedBasisSteps(job: SharedBasisJob): Float32Array[] | null;
  dispose(id: number): void;
  usage(): { shards: number; tensors: number };
}

/**
 * The worker side of the pool. `initTfjs` initialises this thread's tfjs backend; it runs
 * only when the models need tfjs (no native kernels in this engine), so a native worker never
 * loads the tfjs wasm binaries.
 */
export function poolWorkerApi(initTfjs: (backend: string) => Promise<void>): PoolWorkerApi {
  let host = new ShardHost(true);
  let native = true;
  let backend = 'wasm';
  let tfjsReady: Promise<void> | null = null;
  const ready = () => (native ? Promise.resolve() : (tfjsReady ??= initTfjs(backend)));
  return {
    async configure(o) {
      native = o.native;
      backend = o.backend;
      host = new ShardHost(native);
    },
    setInputs: (inputs) => host.setInputs(inputs),
    async create(id, spec, inputDim, classes, seeds) {
      await ready();
      host.create(id, spec, inputDim, classes, seeds);
    },
    async load(id, spec, inputDim, classes, weights) {
      await ready();
      host.load(id, spec, inputDim, classes, weights);
    },
    clone: (from, to) => host.clone(from, to),
    async train(id, plan, onCheck) {
      try {
        return await host.train(id, plan, onCheck);
      } finally {
        // The callback is a Comlink proxy holding a MessagePort; release it with the run.
        (onCheck as Partial<Comlink.Remote<unknown>>)[Comlink.releaseProxy]?.();
      }
    },
    predict: (id, set, rows) => host.predict(id, set, rows),
    weights: (id, count) => host.weights(id, count),
    curvature: (id, labels) => host.curvature(id, labels),
    sharedBasisSteps(j) {
      const steps = native ? sharedBasisSteps(j) : null;
      // moved, not copied, back to the caller: a whole class's steps are ~8 MB
      return steps && Comlink.transfer(steps, steps.map((s) => s.buffer as ArrayBuffer));
    },
    dispose: (id) => host.dispose(id),
    usage: () => host.usage(),
  };
}
