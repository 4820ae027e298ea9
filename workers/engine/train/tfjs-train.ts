import { tf } from '../tf';
import { assignTfjsWeights, fuse, split, tfjsModelWeights, type TfjsEnsemble } from '../models/tfjs-ensemble';
import { changesGradient, l1Threshold, transformGradient } from './gradient-transform';
import type { ModelWeights } from '../models/weights';
import { ADAM } from './adam';
import { crossEntropyPerExample, distillKl } from './losses';
import { CHECK_EVERY, learningRateAt, stepCount, stepSegments, type Checkpoint, type LossTerm, type PlanReport, type TrainingPlan } from './plan';
import { predictTfjs } from './tfjs-predict';

export interface TfjsRunHooks {
  onCheck?: (done: number, total: number, meanLoss: number, examples: number) => Promise<void> | void;
  checkpoint?: Checkpoint;
}

/**
 * Runs a training plan on a tfjs ensemble (any model on a GPU backend, or where the engine has no wasm SIMD), in place:
 * the same plan and the same arithmetic as the native engine (../native/native-train.ts),
 * with tfjs's autodiff and Adam. A model whose loss runs away is put back, at the end, to
 * its weights at the check that caught it, exactly as the native engine stops updating it.
 */
export async function trainTfjs(e: TfjsEnsemble, plan: TrainingPlan, inputs: tf.Tensor, hooks: TfjsRunHooks = {}): Promise<PlanReport> {
  const start = performance.now();
  const n = e.size;
  const c = e.classes;
  const pool = inputs.shape[0];
  const steps = stepCount(plan);
  const optimizer = tf.train.adam(plan.learningRate, ADAM.beta1, ADAM.beta2, ADAM.epsilon);
  const setLr = (lr: number) => ((optimizer as unknown as { learningRate: number }).learningRate = lr);
  const labelTable = tf.tensor(plan.labels.values, plan.labels.perModel ? [n, pool] : [pool], 'int32');
  const weightTable = plan.exampleWeights ? tf.tensor2d(plan.exampleWeights, [n, pool]) : null;
  const targets = plan.targets ? tableOf(plan.targets.values, plan.targets.rows, plan.targets.perModel, n, c, pool) : null;
  const teacher = plan.teacherRows ? tableOf(await predictTfjs(e, inputs, plan.teacherRows), plan.teacherRows, true, n, c, pool) : null;
  const lastLoss = new Float64Array(n).fill(NaN);
  const divergedAt = new Int32Array(n).fill(-1);
  const frozen: (ModelWeights | null)[] = new Array(n).fill(null);
  let running = n;
  let examples = 0;
  let step = 0;
  try {
    for (; step < steps && running > 0; step++) {
      setLr(learningRateAt(plan, step, steps));
      const segments = stepSegments(plan, step);
      let perModel: tf.Tensor1D | null = null;
      const lossFn = () => {
        const rows = concat(segments);
        const idx = tf.tensor1d(rows, 'int32');
        const logits = e.logits(tf.gather(inputs, idx));
        let total: tf.Tensor1D = tf.zeros([n]);
        let offset = 0;
        const offsets = segments.map((s) => ((offset += s.length), offset - s.length));
        for (const term of plan.kinds[plan.kindOfStep[step]]) {
          const from = offsets[term.segment];
          const to = from + segments[term.segment].length;
          if (to > from) total = tf.add(total, tf.mul(termLoss(term, logits, idx, from, to), term.weight));
        }
        perModel = tf.keep(total);
        return tf.sum(total) as tf.Scalar;
      };
      let loss: tf.Scalar | null;
      if (!plan.gradient || !changesGradient(plan.gradient)) loss = optimizer.minimize(lossFn, true, e.variables);
      else {
        // The plan's gradient changes run in ModelWeights order on the CPU (the same code as the
        // native engine's), so this path downloads and re-uploads the gradients each step.
        const { value, grads } = optimizer.computeGradients(lossFn, e.variables);
        loss = value;
        const transformed = await transformedGradients(plan, step, grads);
        optimizer.applyGradients(transformed);
        tf.dispose([...Object.values(grads), ...transformed.map((t) => t.tensor)]);
      }
      loss?.dispose();
      const tau = l1Threshold(plan.gradient, learningRateAt(plan, step, steps), step, steps);
      if (tau > 0) {
        for (const v of e.variables) {
          const next = tf.tidy(() => tf.mul(tf.sign(v), tf.relu(tf.sub(tf.abs(v), tau))));
          v.assign(next);
          next.dispose();
        }
      }
      examples += stepRowsOf(segments) * running;
      const check = step % CHECK_EVERY === CHECK_EVERY - 1 || step === steps - 1;
      if (check && perModel) {
        const values = await (perModel as tf.Tensor1D).data();
        let sum = 0;
        let snapshot: ModelWeights[] | null = null;
        for (let m = 0; m < n; m++) {
          if (divergedAt[m] >= 0) continue;
          lastLoss[m] = values[m];
          if (!Number.isFinite(values[m]) || (plan.lossLimit !== null && Math.abs(values[m]) > plan.lossLimit)) {
            divergedAt[m] = step + 1;
            running--;
            snapshot ??= await tfjsModelWeights(e);
            frozen[m] = snapshot[m];
          } else sum += values[m];
        }
        await hooks.onCheck?.(step + 1, steps, running ? sum / running : NaN, examples);
      }
      (perModel as tf.Tensor1D | null)?.dispose();
      if (hooks.checkpoint && (step + 1) % hooks.checkpoint.every === 0) await hooks.checkpoint.run(step);
    }
    if (frozen.some((f) => f)) {
      const now = await tfjsModelWeights(e);
      assignTfjsWeights(e, now.map((w, m) => frozen[m] ?? w));
    }
  } finally {
    optimizer.dispose();
    for (const t of [labelTable, weightTable, targets, teacher]) t?.dispose();
  }
  const finite = Uint8Array.from(await tfjsModelWeights(e), (w) => (w.every((a) => a.every(Number.isFinite)) ? 1 : 0));
  return { steps: step, examples, seconds: (performance.now() - start) / 1000, lastLoss, divergedAt, finite };

  /** The gradients after the plan's transform, as tensors named like the variables. */
  async function transformedGradients(p: TrainingPlan, step: number, grads: tf.NamedTensorMap): Promise<{ name: string; tensor: tf.Tensor }[]> {
    const values = await Promise.all(e.variables.map(async (v) => (await grads[v.name].data()) as Float32Array));
    const perModel = split(e.spec, e.inputDim, e.classes, n, values);
    perModel.forEach((g, m) => {
      // the model's weights end to end (interchange order), changed, then put back
      const flat = new Float32Array(g.reduce((s, a) => s + a.length, 0));
      let o = 0;
      for (const a of g) {
        flat.set(a, o);
        o += a.length;
      }
      transformGradient(p.gradient!, flat, null, m, step);
      o = 0;
      for (const a of g) {
        a.set(flat.subarray(o, o + a.length));
        o += a.length;
      }
    });
    const fused = fuse(e.spec, e.inputDim, e.classes, perModel);
    return e.variables.map((v, i) => ({ name: v.name, tensor: tf.tensor(fused[i].values, fused[i].shape) }));
  }

  /** One term's per-model mean loss [N] over batch rows [from, to). */
  function termLoss(term: LossTerm, logits: tf.Tensor3D, idx: tf.Tensor1D, from: number, to: number): tf.Tensor1D {
    const z = tf.slice(logits, [0, from, 0], [n, to - from, c]);
    const rows = tf.slice(idx, [from], [to - from]);
    if (term.loss === 'cross-entropy') {
      const labels = plan.labels.perModel ? tf.gather(labelTable, rows, 1) : tf.gather(labelTable, rows);
      const ce = crossEntropyPerExample(z, labels as tf.Tensor1D | tf.Tensor2D, c);
      if (!term.weighted) return tf.mean(ce, 1);
      if (!weightTable) throw new Error('plan: a weighted cross-entropy term needs exampleWeights');
      const w = tf.gather(weightTable, rows, 1);
      return tf.div(tf.sum(tf.mul(ce, w), 1), tf.maximum(tf.sum(w, 1), 1));
    }
    if (term.loss === 'squared-error') {
      if (!targets) throw new Error('plan: a squared-error term needs targets');
      return tf.mean(tf.squaredDifference(z, tf.gather(targets, rows, 1)), [1, 2]);
    }
    if (!teacher) throw new Error('plan: a distillation term needs teacherRows');
    return tf.mean(distillKl(tf.gather(teacher, rows, 1) as tf.Tensor3D, z, term.temperature), 1);
  }
}

/** A [N, pool, C] table with the given rows filled (zeros elsewhere: never read). */
function tableOf(values: Float32Array, rows: Int32Array, perModel: boolean, n: number, c: number, pool: number): tf.Tensor3D {
  const full = new Float32Array(n * pool * c);
  for (let m = 0; m < n; m++) {
    const base = perModel ? m * rows.length * c : 0;
    rows.forEach((row, i) => full.set(values.subarray(base + i * c, base + (i + 1) * c), (m * pool + row) * c));
  }
  return tf.tensor3d(full, [n, pool, c]);
}

function concat(segments: Int32Array[]): Int32Array {
  const out = new Int32Array(stepRowsOf(segments));
  let o = 0;
  for (const s of segments) {
    out.set(s, o);
    o += s.length;
  }
  return out;
}

function stepRowsOf(segments: Int32Array[]): number {
  return segments.reduce((a, s) => a + s.length, 0);
}
