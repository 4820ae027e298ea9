import { tf } from '../tf';
import type { ModelSpec } from '../models/spec';
import { cloneTfjsEnsemble, disposeTfjsEnsemble, tfjsEnsembleFromWeights, tfjsModelWeights, createTfjsEnsemble, type TfjsEnsemble } from '../models/tfjs-ensemble';
import type { ModelWeights } from '../models/weights';
import { NativeEnsemble } from '../native/native-ensemble';
import { trainNative } from '../native/native-train';
import type { Checkpoint, PlanReport, TrainingPlan } from '../train/plan';
import { predictTfjs } from '../train/tfjs-predict';
import { trainTfjs } from '../train/tfjs-train';
import { tfjsModelCurvature } from '../attribution/group-newton';
import { nativeCurvature } from '../native/native-curvature';
import type { ComputeInputs, InputSetName, ModelCurvature } from './types';

/** Called at each loss check of a run: steps done of total, mean loss, examples so far. */
export type CheckFn = (done: number, total: number, meanLoss: number, examples: number) => Promise<void> | void;

/** Some models of an ensemble, held in one thread, on one implementation. */
type Shard = { kind: 'native'; e: NativeEnsemble } | { kind: 'tfjs'; e: TfjsEnsemble };

/**
 * The models one thread holds, by id, and the inputs they read: what a pool worker
 * exposes, and what the in-thread compute uses directly. Every model kind runs on the
 * native kernels when `native` is set, else on this thread's tfjs backend.
 */
export class ShardHost {
  private inputs: ComputeInputs | null = null;
  private readonly tensors = new Map<InputSetName, tf.Tensor>();
  private readonly shards = new Map<number, Shard>();
  /** tfjs is touched only once a tfjs shard exists (a native-only thread never initialises it). */
  private usedTfjs = false;

  constructor(private readonly native: boolean) {}

  setInputs(inputs: ComputeInputs): void {
    for (const t of this.tensors.values()) t.dispose();
    this.tensors.clear();
    this.inputs = inputs;
  }

  create(id: number, spec: ModelSpec, inputDim: number, classes: number, seeds: number[]): void {
    this.put(id, this.native ? { kind: 'native', e: NativeEnsemble.create(spec, inputDim, classes, seeds) } : { kind: 'tfjs', e: createTfjsEnsemble(spec, inputDim, classes, seeds) });
  }

  load(id: number, spec: ModelSpec, inputDim: number, classes: number, weights: ModelWeights[]): void {
    this.put(
      id,
      this.native
        ? { kind: 'native', e: NativeEnsemble.fromWeights(spec, inputDim, classes, weights) }
        : { kind: 'tfjs', e: tfjsEnsembleFromWeights(spec, inputDim, classes, weights) },
    );
  }

  clone(from: number, to: number): void {
    const s = this.shard(from);
    this.put(to, s.kind === 'native' ? { kind: 'native', e: s.e.clone() } : { kind: 'tfjs', e: cloneTfjsEnsemble(s.e) });
  }

  async train(id: number, plan: TrainingPlan, onCheck?: CheckFn, checkpoint?: Checkpoint): Promise<PlanReport> {
    const s = this.shard(id);
    if (s.kind === 'native') return trainNative(s.e, plan, this.matrix('train'), { onCheck, checkpoint });
    return trainTfjs(s.e, plan, this.tensor('train'), { onCheck, checkpoint });
  }

  async predict(id: number, set: InputSetName, rows?: Int32Array): Promise<Float32Array> {
    const s = this.shard(id);
    return s.kind === 'native' ? s.e.predict(this.matrix(set), rows) : predictTfjs(s.e, this.tensor(set), rows);
  }

  async weights(id: number, count?: number): Promise<ModelWeights[]> {
    const s = this.shard(id);
    // tfjs fuses the models into shared variables: it reads them all either way
    return s.kind === 'native' ? s.e.weights(count) : (await tfjsModelWeights(s.e)).slice(0, count);
  }

  /** Every model's full-pool K-FAC statistics (group Newton's and IU's curvature). */
  async curvature(id: number, labels: Uint8Array): Promise<ModelCurvature[]> {
    const s = this.shard(id);
    const train = this.matrix('train');
    if (s.kind === 'native') return nativeCurvature(s.e, train, labels);
    const out: ModelCurvature[] = [];
    for (const w of await tfjsModelWeights(s.e)) out.push(await tfjsModelCurvature(s.e.spec, w, train, labels, s.e.classes));
    return out;
  }

  dispose(id: number): void {
    const s = this.shards.get(id);
    if (s?.kind === 'tfjs') disposeTfjsEnsemble(s.e);
    this.shards.delete(id);
  }

  usage(): { shards: number; tensors: number } {
    return { shards: this.shards.size, tensors: this.usedTfjs ? tf.memory().numTensors : 0 };
  }

  private put(id: number, s: Shard): void {
    if (s.kind === 'tfjs') this.usedTfjs = true;
    if (this.shards.has(id)) this.dispose(id);
    this.shards.set(id, s);
  }

  private shard(id: number): Shard {
    const s = this.shards.get(id);
    if (!s) throw new Error(`compute: no ensemble ${id} in this thread (disposed, or made before a restart)`);
    return s;
  }

  private matrix(set: InputSetName) {
    const m = this.inputs?.sets[set];
    if (!m) throw new Error(`compute: no '${set}' inputs were set`);
    return m;
  }

  private tensor(set: InputSetName): tf.Tensor {
    this.usedTfjs = true;
    let t = this.tensors.get(set);
    if (!t) {
      const m = this.matrix(set);
      const shape = this.inputs!.imageShape ? [m.rows, ...this.inputs!.imageShape] : [m.rows, m.dim];
      t = tf.tensor(m.values, shape);
      this.tensors.set(set, t);
    }
    return t;
  }
}
