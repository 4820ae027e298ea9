import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/select';
import { createTfjsEnsemble, disposeTfjsEnsemble, tfjsModelWeights } from '../models/tfjs-ensemble';
import type { ModelSpec } from '../models/spec';
import { tf } from '../tf';
import { scheduleBatches } from '../train/batches';
import { PlanBuilder, planForModels, type LossTerm, type TrainingPlan } from '../train/plan';
import { trainTfjs } from '../train/tfjs-train';
import { Rng } from '../util/rng';
import { modelIndex } from './layout';
import { NativeEnsemble } from './native-ensemble';
import { trainNative } from './native-train';
import { networkOf } from './network';
import { workspace } from './workspace';

/**
 * cnn-s on the native kernels against tfjs's conv2d, maxPool, mean and autodiff on the same
 * weights and plans. Float32 sums in another order (im2col rows, per-image gradient sums)
 * drift a little per step, so the weights after a few Adam steps agree to ~1e-4 of their
 * scale rather than exactly; a wrong tap, a misrouted pool gradient or a lost bias term
 * moves them by orders of magnitude more.
 */
const SPEC: ModelSpec = { kind: 'cnn-s', hidden: 256 };
const D = 32 * 32 * 3;
const POOL = 12;
const C = 4;
const SEEDS = [3, 4];
const rng = new Rng(9);
const x = Float32Array.from({ length: POOL * D }, () => rng.normal());
const labels = Int32Array.from({ length: POOL }, () => rng.int(C));
const inputs = { values: x, rows: POOL, dim: D };
const ALL = Int32Array.from({ length: POOL }, (_, i) => i);

beforeAll(async () => {
  await initBackend('wasm');
});

function plan(terms: LossTerm[], extra: Partial<TrainingPlan> = {}): TrainingPlan {
  const builder = new PlanBuilder([terms]);
  for (const b of scheduleBatches(ALL, 5, 2, 7)) builder.step(0, b); // batches of 5, 5, 2: a partial one too
  return builder.build({ learningRate: 3e-3, schedule: 'constant', lossLimit: null, labels: { perModel: false, values: labels }, exampleWeights: null, targets: null, teacherRows: null, ...extra });
}

function maxRelativeDiff(a: Float32Array[][], b: Float32Array[][]): number {
  let diff = 0;
  let scale = 0;
  a.forEach((w, m) => w.forEach((t, i) => t.forEach((v, j) => {
    diff = Math.max(diff, Math.abs(v - b[m][i][j]));
    scale = Math.max(scale, Math.abs(b[m][i][j]));
  })));
  return diff / Math.max(scale, 1e-12);
}

describe('native cnn-s = tfjs', () => {
  it('predicts the logits tfjs predicts from the same weights', () => {
    const native = NativeEnsemble.create(SPEC, D, C, SEEDS);
    const t = createTfjsEnsemble(SPEC, D, C, SEEDS);
    const xt = tf.tensor4d(x, [POOL, 32, 32, 3]);
    const rows = Int32Array.from([7, 0, 11, 7]);
    const want = tf.tidy(() => t.logits(tf.gather(xt, tf.tensor1d(rows, 'int32')))).dataSync();
    const got = native.predict(inputs, rows);
    let scale = 0;
    for (const v of want) scale = Math.max(scale, Math.abs(v));
    for (let i = 0; i < got.length; i++) expect(Math.abs(got[i] - want[i])).toBeLessThan(1e-5 * Math.max(scale, 1));
    disposeTfjsEnsemble(t);
    xt.dispose();
  });

  it('back-propagates the gradient tfjs computes, for every parameter', () => {
    // d/dθ Σ G ⊙ logits for a random G: the backward pass of any loss, given its dZ = G
    const native = NativeEnsemble.create(SPEC, D, C, SEEDS);
    const rows = 5;
    const G = Float32Array.from({ length: SEEDS.length * rows * C }, () => rng.normal());
    const l = native.layout;
    const net = networkOf(l);
    const ws = workspace('eval');
    const r = ws.layout({ params: l.size, grad: l.size, x: rows * D, dz: G.length, ...net.scratch(rows, true) });
    ws.f32(r.params).set(native.params);
    ws.f32(r.x).set(x.subarray(0, rows * D));
    ws.f32(r.dz).set(G);
    for (let m = 0; m < SEEDS.length; m++) {
      net.forward(ws.k, r, rows, m, 1); // a pass holds one model's activations: forward it, then back
      net.backward(ws.k, r, rows, m, 1);
    }
    const grad = new NativeEnsemble(SPEC, C, ws.f32(r.grad).slice(), SEEDS.length, D).weights();

    const t = createTfjsEnsemble(SPEC, D, C, SEEDS);
    const want = tf.tidy(() => {
      const xs = tf.tensor4d(x.subarray(0, rows * D), [rows, 32, 32, 3]);
      const g = tf.tensor3d(G, [SEEDS.length, rows, C]);
      const { grads } = tf.variableGrads(() => tf.sum(tf.mul(t.logits(xs), g)) as tf.Scalar, t.variables);
      return t.variables.map((v) => grads[v.name].dataSync() as Float32Array);
    });
    disposeTfjsEnsemble(t);
    const perModel = want.length / SEEDS.length;
    const wantByModel = SEEDS.map((_, m) => want.slice(m * perModel, (m + 1) * perModel));
    expect(maxRelativeDiff(grad, wantByModel)).toBeLessThan(1e-5);
    for (const g of grad[0]) expect(g.some((v) => v !== 0)).toBe(true);
  });

  it('trains to the weights tfjs trains to', async () => {
    const p = plan([{ loss: 'cross-entropy', segment: 0, weight: 1 }]);
    const native = NativeEnsemble.create(SPEC, D, C, SEEDS);
    const start = native.weights();
    const nativeReport = await trainNative(native, p, inputs);
    const t = createTfjsEnsemble(SPEC, D, C, SEEDS);
    const xt = tf.tensor4d(x, [POOL, 32, 32, 3]);
    const tfjsReport = await trainTfjs(t, p, xt);
    const want = await tfjsModelWeights(t);
    disposeTfjsEnsemble(t);
    xt.dispose();
    // Adam divides by |gradient|: a weight whose gradient is ~0 moves by ±lr on a sign that
    // rounding decides, so the bound is on the typical weight and ~lr · steps on the worst
    expect(maxRelativeDiff(native.weights(), want)).toBeLessThan(1e-3);
    for (let m = 0; m < SEEDS.length; m++) expect(nativeReport.lastLoss[m]).toBeCloseTo(tfjsReport.lastLoss[m], 4);
    // every layer moved (a layer whose gradient were lost would stay at its start)
    native.weights()[0].forEach((w, i) => expect(maxRelativeDiff([[w]], [[start[0][i]]])).toBeGreaterThan(1e-4));
  });

  it('gives a model the same bits whatever other models share its run (any pool split)', async () => {
    const p = plan([{ loss: 'cross-entropy', segment: 0, weight: 1 }]);
    const together = NativeEnsemble.create(SPEC, D, C, SEEDS);
    await trainNative(together, p, inputs);
    const split: Float32Array[][] = [];
    for (let m = 0; m < SEEDS.length; m++) {
      const e = NativeEnsemble.create(SPEC, D, C, [SEEDS[m]]);
      await trainNative(e, planForModels(p, m, 1, POOL, C), inputs);
      split.push(...e.weights());
    }
    expect(split).toEqual(together.weights());
  });

  it('modelIndex names, in interchange order, exactly where packModel puts each weight', () => {
    const e = NativeEnsemble.create(SPEC, D, C, SEEDS);
    for (let m = 0; m < SEEDS.length; m++) {
      const index = modelIndex(e.layout, m);
      expect(Array.from(index, (i) => e.params[i])).toEqual(e.weights()[m].flatMap((a) => Array.from(a)));
      expect(new Set(index).size).toBe(index.length); // padded channels' rows are named by no interchange weight
    }
  });
});
