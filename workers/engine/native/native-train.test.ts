import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/select';
import { createTfjsEnsemble, disposeTfjsEnsemble, tfjsModelWeights } from '../models/tfjs-ensemble';
import type { ModelSpec } from '../models/spec';
import { parameterShapes } from '../models/weights';
import { tf } from '../tf';
import { scheduleBatches } from '../train/batches';
import { PlanBuilder, planForModels, type LossTerm, type TrainingPlan } from '../train/plan';
import { trainTfjs } from '../train/tfjs-train';
import { Rng } from '../util/rng';
import { NativeEnsemble } from './native-ensemble';
import { trainNative } from './native-train';
import { modelIndex } from './layout';

/**
 * The native engine against tfjs's autodiff and Adam on the same plans: every loss term,
 * both model kinds, sizes that exercise every tail path (37 inputs, hidden 20 → padded 24,
 * 5 classes → padded 8, a last partial batch). Float32 sums in another order drift apart a
 * little per step; after 20 Adam steps the weights agree to ~1e-5 of their scale.
 */
const D = 37;
const POOL = 90;
const C = 5;
const rng = new Rng(4);
const x = Float32Array.from({ length: POOL * D }, () => rng.normal());
const labels = Int32Array.from({ length: POOL }, () => rng.int(C));
const inputs = { values: x, rows: POOL, dim: D };
const SEEDS = [3, 4, 5];
const ALL = Int32Array.from({ length: POOL }, (_, i) => i);
const HALF = ALL.subarray(0, 45);

beforeAll(async () => {
  await initBackend('wasm');
});

function plan(kind: LossTerm[], extra: Partial<TrainingPlan> = {}, segments: (b: Int32Array) => Int32Array[] = (b) => [b]): TrainingPlan {
  const builder = new PlanBuilder([kind]);
  for (const b of scheduleBatches(ALL, 32, 9, 7)) builder.step(0, ...segments(b));
  return builder.build({ learningRate: 5e-3, schedule: 'cosine', lossLimit: null, labels: { perModel: false, values: labels }, exampleWeights: null, targets: null, teacherRows: null, ...extra });
}

const perModelTargets = Float32Array.from({ length: SEEDS.length * POOL * C }, () => rng.normal() * 2);
const masks = Float32Array.from({ length: SEEDS.length * POOL }, () => (rng.next() < 0.5 ? 1 : 0));
const relabels = Int32Array.from({ length: SEEDS.length * POOL }, () => rng.int(C));

const CASES: [string, () => TrainingPlan][] = [
  ['cross-entropy', () => plan([{ loss: 'cross-entropy', segment: 0, weight: 1 }])],
  ['weighted cross-entropy (subset masks)', () => plan([{ loss: 'cross-entropy', segment: 0, weight: 1, weighted: true }], { exampleWeights: masks })],
  ['per-model labels', () => plan([{ loss: 'cross-entropy', segment: 0, weight: 1 }], { labels: { perModel: true, values: relabels } })],
  ['ascent and descent on two segments', () => plan([{ loss: 'cross-entropy', segment: 1, weight: 0.7 }, { loss: 'cross-entropy', segment: 0, weight: -0.3 }], {}, (b) => [b.subarray(0, 10), b.subarray(10)])],
  ['squared error to per-model targets', () => plan([{ loss: 'squared-error', segment: 0, weight: 1 }], { targets: { rows: ALL, perModel: true, values: perModelTargets } })],
  ['squared error to shared targets on some rows', () => {
    const builder = new PlanBuilder([[{ loss: 'squared-error', segment: 0, weight: 1 }]]);
    for (const b of scheduleBatches(HALF, 16, 2, 6)) builder.step(0, b);
    return builder.build({ learningRate: 5e-3, schedule: 'constant', lossLimit: null, labels: { perModel: false, values: labels }, exampleWeights: null, targets: { rows: HALF, perModel: false, values: perModelTargets.slice(0, 45 * C) }, teacherRows: null });
  }],
  ['ℓ1-sparse’s proximal step after Adam', () => plan([{ loss: 'cross-entropy', segment: 0, weight: 1 }], { gradient: { mask: null, l1: 0.5, clipNorm: null, noise: null, firstModel: 0 } })],
  ['distillation from the frozen start, plus cross-entropy', () => plan([{ loss: 'distillation', segment: 0, weight: -1, temperature: 2 }, { loss: 'cross-entropy', segment: 0, weight: 0.5 }], { teacherRows: ALL })],
];

async function bothEngines(spec: ModelSpec, p: TrainingPlan) {
  const native = NativeEnsemble.create(spec, D, C, SEEDS);
  const nativeReport = await trainNative(native, p, inputs);
  const t = createTfjsEnsemble(spec, D, C, SEEDS);
  const xt = tf.tensor2d(x, [POOL, D]);
  const tfjsReport = await trainTfjs(t, p, xt);
  const tfjsWeights = await tfjsModelWeights(t);
  disposeTfjsEnsemble(t);
  xt.dispose();
  return { native: native.weights(), tfjs: tfjsWeights, nativeReport, tfjsReport };
}

describe('native engine = tfjs on the same plan', () => {
  for (const kind of ['mlp', 'linear'] as const) {
    it.each(CASES)(`${kind}: %s`, async (_name, make) => {
      const spec: ModelSpec = { kind, hidden: 20 };
      const r = await bothEngines(spec, make());
      let maxDiff = 0;
      let scale = 0;
      r.native.forEach((w, m) => w.forEach((a, i) => a.forEach((v, j) => {
        maxDiff = Math.max(maxDiff, Math.abs(v - r.tfjs[m][i][j]));
        scale = Math.max(scale, Math.abs(r.tfjs[m][i][j]));
      })));
      expect(maxDiff).toBeLessThan(1e-4 * Math.max(scale, 1));
      for (let m = 0; m < SEEDS.length; m++) expect(r.nativeReport.lastLoss[m]).toBeCloseTo(r.tfjsReport.lastLoss[m], 4);
      // and training did move the weights
      const start = NativeEnsemble.create(spec, D, C, SEEDS).weights();
      expect(Math.abs(r.native[0][0][0] - start[0][0][0]) + Math.abs(r.native[0][1][0] - start[0][1][0])).toBeGreaterThan(1e-4);
    });
  }
});

/** Every gradient change at once (SalUn's mask, noisy descent's clip and noise; ℓ1 is among CASES). */
function transformedPlan(spec: ModelSpec): TrainingPlan {
  const perModel = parameterShapes(spec, D, C).reduce((s, shape) => s + shape.reduce((a, b) => a * b, 1), 0);
  const mask = Float32Array.from({ length: SEEDS.length * perModel }, (_, i) => ((i % perModel) % 3 === 0 ? 0 : 1));
  return plan([{ loss: 'cross-entropy', segment: 0, weight: 1 }], { gradient: { mask: { perModel, values: mask }, l1: null, clipNorm: 0.5, noise: { std: 0.01, seed: 7 }, firstModel: 0 } });
}

describe('gradient changes before Adam', () => {
  for (const kind of ['mlp', 'linear'] as const) {
    it(`${kind}: the native engine and tfjs agree, and masked weights never move`, async () => {
      const spec: ModelSpec = { kind, hidden: 20 };
      const r = await bothEngines(spec, transformedPlan(spec));
      const start = NativeEnsemble.create(spec, D, C, SEEDS).weights();
      let maxDiff = 0;
      let moved = 0;
      r.native.forEach((w, m) => {
        let o = 0;
        w.forEach((a, i) => a.forEach((v, j) => {
          maxDiff = Math.max(maxDiff, Math.abs(v - r.tfjs[m][i][j]));
          if (o++ % 3 === 0) expect(v).toBe(start[m][i][j]); // masked out: exactly the start
          else if (v !== start[m][i][j]) moved++;
        }));
      });
      expect(maxDiff).toBeLessThan(1e-4);
      expect(moved).toBeGreaterThan(0);
    });
  }

  it('a model gets the same noise whatever other models share its run (any pool split)', async () => {
    const spec: ModelSpec = { kind: 'mlp', hidden: 20 };
    const p = transformedPlan(spec);
    const together = NativeEnsemble.create(spec, D, C, SEEDS);
    await trainNative(together, p, inputs);
    const split: Float32Array[][] = [];
    for (const [first, count] of [[0, 1], [1, 2]]) {
      const e = NativeEnsemble.create(spec, D, C, SEEDS.slice(first, first + count));
      await trainNative(e, planForModels(p, first, count, POOL, C), inputs);
      split.push(...e.weights());
    }
    expect(split).toEqual(together.weights());
  });
});

describe('native layout', () => {
  it('modelIndex names, in interchange order, exactly where packModel puts each weight', () => {
    for (const kind of ['mlp', 'linear'] as const) {
      const spec: ModelSpec = { kind, hidden: 20 };
      const e = NativeEnsemble.create(spec, D, C, SEEDS);
      const flat = e.params;
      for (let m = 0; m < SEEDS.length; m++) {
        const want = e.weights()[m].flatMap((a) => Array.from(a));
        const index = modelIndex(e.layout, m);
        expect(Array.from(index, (i) => flat[i])).toEqual(want);
        expect(new Set(index).size).toBe(index.length);
      }
    }
  });
});

describe('native engine', () => {
  it('gives the same bits for a model whatever other models share its run (any pool split)', async () => {
    const spec: ModelSpec = { kind: 'mlp', hidden: 20 };
    const p = CASES[4][1]();
    const together = NativeEnsemble.create(spec, D, C, SEEDS);
    await trainNative(together, p, inputs);
    const parts = [
      [0, 1],
      [1, 2],
    ];
    const split: Float32Array[][] = [];
    for (const [first, count] of parts) {
      const e = NativeEnsemble.create(spec, D, C, SEEDS.slice(first, first + count));
      await trainNative(e, planForModels(p, first, count, POOL, C), inputs);
      split.push(...e.weights());
    }
    expect(split).toEqual(together.weights());
  });

  it('stops a model whose loss runs away, and only that model', async () => {
    const spec: ModelSpec = { kind: 'mlp', hidden: 20 };
    const lr = [1e-3, 5, 1e-3];
    // three models, one each; the runaway one has a huge step size (per-model weights would need per-model lr: run them apart)
    const runs = await Promise.all(lr.map(async (learningRate, m) => {
      const e = NativeEnsemble.create(spec, D, C, [SEEDS[m]]);
      const r = await trainNative(e, plan([{ loss: 'cross-entropy', segment: 0, weight: -1 }], { learningRate, lossLimit: 30 }), inputs);
      return r.divergedAt[0];
    }));
    expect(runs[0]).toBe(-1);
    expect(runs[1]).toBeGreaterThan(0);
    expect(runs[2]).toBe(-1);
  });

  it('predicts what tfjs predicts from the same weights', async () => {
    for (const kind of ['mlp', 'linear'] as const) {
      const spec: ModelSpec = { kind, hidden: 20 };
      const native = NativeEnsemble.create(spec, D, C, SEEDS);
      const t = createTfjsEnsemble(spec, D, C, SEEDS);
      const xt = tf.tensor2d(x, [POOL, D]);
      const rows = Int32Array.from([5, 0, 89, 5]);
      const want = tf.tidy(() => t.logits(tf.gather(xt, tf.tensor1d(rows, 'int32')))).dataSync();
      const got = native.predict(inputs, rows);
      for (let i = 0; i < got.length; i++) expect(got[i]).toBeCloseTo(want[i], 5);
      disposeTfjsEnsemble(t);
      xt.dispose();
    }
  });
});
