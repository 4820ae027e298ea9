import { ADAM } from '../train/adam';
import { CHECK_EVERY, learningRateAt, stepCount, type Checkpoint, type LossTerm, type PlanReport, type TrainingPlan } from '../train/plan';
import { addresses, changesGradient, l1Threshold, softThreshold, transformGradient } from '../train/gradient-transform';
import { modelIndex, modelRanges } from './layout';
import { gatherRows, type InputMatrix, type NativeEnsemble } from './native-ensemble';
import { networkOf, type LogitView } from './network';
import { workspace } from './workspace';

export interface NativeRunHooks {
  /**
   * Called (and awaited) at every loss check with the steps done and the mean loss of the
   * running models: progress, and the in-thread caller's chance to yield and cancel.
   */
  onCheck?: (done: number, total: number, meanLoss: number, examples: number) => Promise<void> | void;
  /** Awaited every `every` steps with the ensemble's parameters up to date (an epoch's evaluation). Its time counts. */
  checkpoint?: Checkpoint;
}

/** Largest number of rows any step touches. */
function maxStepRows(plan: TrainingPlan): number {
  let max = 1;
  for (let s = 0; s < stepCount(plan); s++) max = Math.max(max, plan.rowStart[plan.segmentStart[s + 1]] - plan.rowStart[plan.segmentStart[s]]);
  return max;
}

/** Pool row → position in `rows` (−1 elsewhere), for the targets and teacher tables. */
function positions(rows: Int32Array, pool: number): Int32Array {
  const at = new Int32Array(pool).fill(-1);
  rows.forEach((r, i) => (at[r] = i));
  return at;
}

/**
 * Runs a training plan on a native ensemble, in place. One minibatch step: gather the rows,
 * forward through the network (./network.ts), add each loss term's gradient in the
 * logits, back through the network, then Adam per model. A model whose
 * loss runs away stops updating (its weights are those of the check that caught it).
 */
export async function trainNative(e: NativeEnsemble, plan: TrainingPlan, inputs: InputMatrix, hooks: NativeRunHooks = {}): Promise<PlanReport> {
  const start = performance.now();
  const l = e.layout;
  const models = l.models;
  const c = l.classes;
  const d = l.inputDim;
  const pool = inputs.rows;
  const maxRows = maxStepRows(plan);
  const steps = stepCount(plan);
  const teacher = plan.teacherRows ? { values: e.predict(inputs, plan.teacherRows), at: positions(plan.teacherRows, pool), rows: plan.teacherRows.length } : null;
  const targets = plan.targets ? { ...plan.targets, at: positions(plan.targets.rows, pool) } : null;

  const net = networkOf(l);
  const ws = workspace('train');
  const r = ws.layout({
    params: l.size, grad: l.size, m1: l.size, m2: l.size, x: maxRows * d,
    dz: models * maxRows * c, labels: models * maxRows, weights: models * maxRows, table: models * maxRows * c, loss: 2 * models,
    ...net.scratch(maxRows, true),
  });
  ws.f32(r.params).set(e.params);
  ws.f32(r.m1).fill(0);
  ws.f32(r.m2).fill(0);
  const k = ws.k;
  const at = (region: { ptr: number }, offset: number) => region.ptr + 4 * offset;
  const ranges = Array.from({ length: models }, (_, m) => modelRanges(l, m));
  // each model's weights in interchange order, for the plan's gradient changes
  const indexOf = plan.gradient && changesGradient(plan.gradient) ? Array.from({ length: models }, (_, m) => addresses(modelIndex(l, m))) : [];
  const lastLoss = new Float64Array(models).fill(NaN);
  const divergedAt = new Int32Array(models).fill(-1);
  let running = models;
  let examples = 0;
  let accBeta1 = 1;
  let accBeta2 = 1;
  let step = 0;
  const syncParams = () => e.params.set(ws.f32(r.params));

  for (; step < steps && running > 0; step++) {
    const first = plan.rowStart[plan.segmentStart[step]];
    const rows = plan.rowStart[plan.segmentStart[step + 1]] - first;
    const batch = plan.rows.subarray(first, first + rows);
    gatherRows(ws.f32(r.x), inputs, batch, 0, rows);

    // forward, the loss terms' gradient in the logits (dZ), backward: pass by pass of models
    new Float32Array(ws.k.memory.buffer, r.dz.ptr, models * rows * c).fill(0);
    const loss = ws.f64(r.loss);
    loss.fill(0);
    let segmentOffset = 0;
    const offsets: number[] = [];
    for (let g = plan.segmentStart[step]; g < plan.segmentStart[step + 1]; g++) {
      offsets.push(segmentOffset);
      segmentOffset += plan.rowStart[g + 1] - plan.rowStart[g];
    }
    offsets.push(segmentOffset);
    for (let pass = 0; pass < models; pass += net.modelsPerPass) {
      const count = Math.min(net.modelsPerPass, models - pass);
      const z = net.forward(k, r, rows, pass, count);
      for (const term of plan.kinds[plan.kindOfStep[step]]) applyTerm(term, z, offsets[term.segment], offsets[term.segment + 1], pass, count);
      net.backward(k, r, rows, pass, count);
    }

    // The plan's gradient changes (SalUn's mask, ℓ1, clipping and noise), in ModelWeights order.
    const transform = plan.gradient;
    if (transform && changesGradient(transform)) {
      const grad = ws.f32(r.grad);
      for (let m = 0; m < models; m++) if (divergedAt[m] < 0) transformGradient(transform, grad, indexOf[m], m, step);
    }

    // Adam, per model that is still training (tfjs keeps β^t as float32; so do we)
    accBeta1 = Math.fround(accBeta1 * ADAM.beta1);
    accBeta2 = Math.fround(accBeta2 * ADAM.beta2);
    const lr = learningRateAt(plan, step, steps);
    for (let m = 0; m < models; m++) {
      if (divergedAt[m] >= 0) continue;
      for (const [o, n] of ranges[m]) {
        k.adam(at(r.params, o), at(r.grad, o), at(r.m1, o), at(r.m2, o), n, lr, ADAM.beta1, ADAM.beta2, ADAM.epsilon, 1 - accBeta1, 1 - accBeta2);
      }
    }
    // ℓ1-sparse's proximal step (element-wise, so the packed layout needs no unpacking).
    const tau = l1Threshold(transform, lr, step, steps);
    if (tau > 0) {
      const params = ws.f32(r.params);
      for (let m = 0; m < models; m++) if (divergedAt[m] < 0) for (const [o, n] of ranges[m]) softThreshold(params, o, n, tau);
    }
    examples += rows * running;

    if (step % CHECK_EVERY === CHECK_EVERY - 1 || step === steps - 1) {
      const values = ws.f64(r.loss);
      let sum = 0;
      for (let m = 0; m < models; m++) {
        if (divergedAt[m] >= 0) continue;
        lastLoss[m] = values[m];
        if (!Number.isFinite(values[m]) || (plan.lossLimit !== null && Math.abs(values[m]) > plan.lossLimit)) {
          divergedAt[m] = step + 1;
          running--;
        } else sum += values[m];
      }
      await hooks.onCheck?.(step + 1, steps, running ? sum / running : NaN, examples);
    }
    if (hooks.checkpoint && (step + 1) % hooks.checkpoint.every === 0) {
      syncParams();
      await hooks.checkpoint.run(step);
    }
  }
  syncParams();
  return { steps: step, examples, seconds: (performance.now() - start) / 1000, lastLoss, divergedAt, finite: e.finite() };

  /** One loss term over batch rows [from, to) of models [m0, m0 + count): its gradient added to dZ, its value to the loss. */
  function applyTerm(term: LossTerm, z: LogitView, from: number, to: number, m0: number, count: number): void {
    const first = plan.rowStart[plan.segmentStart[step]];
    const rows = plan.rowStart[plan.segmentStart[step + 1]] - first;
    const batch = plan.rows.subarray(first, first + rows);
    // the kernels see models m0 … m0 + count − 1 as 0 … count − 1 (every table is [models][rows]…)
    const zAt = z.ptr + 4 * m0 * z.model;
    const perRow = (region: { ptr: number }, width: number) => region.ptr + 4 * m0 * rows * width;
    const dz = perRow(r.dz, c);
    const loss = r.loss.ptr + 8 * m0;
    if (term.loss === 'cross-entropy') {
      const labels = ws.i32(r.labels);
      const { perModel, values } = plan.labels;
      for (let m = m0; m < m0 + count; m++) for (let i = from; i < to; i++) labels[m * rows + i] = values[(perModel ? m * pool : 0) + batch[i]];
      let weights = 0;
      if (term.weighted) {
        if (!plan.exampleWeights) throw new Error('plan: a weighted cross-entropy term needs exampleWeights');
        const w = ws.f32(r.weights);
        for (let m = m0; m < m0 + count; m++) for (let i = from; i < to; i++) w[m * rows + i] = plan.exampleWeights[m * pool + batch[i]];
        weights = perRow(r.weights, 1);
      }
      k.crossEntropyTerm(zAt, z.model, z.row, count, c, rows, from, to, perRow(r.labels, 1), weights, term.weight, dz, loss);
    } else if (term.loss === 'squared-error') {
      if (!targets) throw new Error('plan: a squared-error term needs targets');
      fillTable(targets.values, targets.at, targets.rows.length, targets.perModel, batch, rows, from, to, m0, count, 'targets');
      k.squaredErrorTerm(zAt, z.model, z.row, count, c, rows, from, to, perRow(r.table, c), term.weight, dz, loss);
    } else {
      if (!teacher) throw new Error('plan: a distillation term needs teacherRows');
      fillTable(teacher.values, teacher.at, teacher.rows, true, batch, rows, from, to, m0, count, 'teacher');
      k.distillationTerm(zAt, z.model, z.row, count, c, rows, from, to, perRow(r.table, c), term.temperature, term.weight, dz, loss);
    }
  }

  /** Copies table rows for batch rows [from, to) of models [m0, m0 + count) into the workspace's table. */
  function fillTable(values: Float32Array, at: Int32Array, tableRows: number, perModel: boolean, batch: Int32Array, rows: number, from: number, to: number, m0: number, count: number, what: string): void {
    const t = ws.f32(r.table);
    for (let i = from; i < to; i++) {
      const p = at[batch[i]];
      if (p < 0) throw new RangeError(`plan: pool row ${batch[i]} has no ${what}`);
      for (let m = m0; m < m0 + count; m++) {
        const src = ((perModel ? m * tableRows : 0) + p) * c;
        t.set(values.subarray(src, src + c), (m * rows + i) * c);
      }
    }
  }
}
