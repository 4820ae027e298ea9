import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/select';
import { localCompute } from '../compute/local';
import { marginAt } from '../metrics/margin';
import { targetLabels } from './context';
import { groupNewtonWeights, prepareEkfac, prepareGroupNewton, type GroupNewtonOptions } from './group-newton';
import { pearson } from './linalg';
import { measuredRemoval, tinyProblem, trainOriginals, type TinyProblem } from './test-support';

/**
 * Group Newton against retraining on softmax regression (convex: one Newton step on the
 * retain set's curvature is close to the retrained optimum), with a COHERENT group: the
 * 30 points of class 0 nearest their class mean, the case where summed per-point scores
 * fall short. Truth: 8 paired models trained with and without the group (same seeds and
 * batches, so the difference is the data's doing).
 *
 * Threshold: Pearson ≥ 0.9 over all 320 targets' margin changes, as the issue asks of a
 * group-aware estimator on the linear model. Measured r = 0.96 and a group drop 0.98× the true one; a sign error, a wrong
 * row mapping or first-order scaling of the group effect all fall well below 0.9.
 */
let problem: TinyProblem;

beforeAll(async () => {
  await initBackend('wasm');
  problem = await tinyProblem({ n: 240, v: 80, d: 12, classes: 3, flip: 0.05 });
});
afterAll(() => problem?.dispose());

function coherentGroup(x: Float32Array, labels: Uint8Array, d: number, size: number): Int32Array {
  const members = Array.from(labels.keys()).filter((i) => labels[i] === 0);
  const mean = new Float64Array(d);
  for (const i of members) for (let j = 0; j < d; j++) mean[j] += x[i * d + j] / members.length;
  const dist = (i: number) => { let s = 0; for (let j = 0; j < d; j++) s += (x[i * d + j] - mean[j]) ** 2; return s; };
  return Int32Array.from(members.sort((a, b) => dist(a) - dist(b)).slice(0, size)).sort();
}

describe('group Newton on a linear model (truth by retraining)', () => {
  it.each<[string, GroupNewtonOptions]>([
    ['K-FAC', { damping: 0.1, layers: 'all' }],
    ['EK-FAC', { damping: 0.1, layers: 'all', eigenvalues: 'ekfac', stepScale: 1 }],
  ])('predicts the retrained margin changes when a coherent group is removed (%s): r ≥ 0.9', async (_, options) => {
    const { ctx } = problem;
    const train = ctx.inputs.sets.train!;
    const validation = ctx.inputs.sets.validation!;
    const forget = coherentGroup(train.values, ctx.labels, ctx.inputDim, 30);
    const truth = await measuredRemoval(ctx, forget, 8);
    const originals = await trainOriginals(ctx, 8, 4);
    const weights = await originals.weights();
    const kfac = await prepareGroupNewton(ctx.spec, weights, train, ctx.labels, ctx.classes);
    const state = options.eigenvalues === 'ekfac' ? await prepareEkfac(kfac, weights, train, ctx.labels) : kfac;
    const stepped = await groupNewtonWeights(state, weights, train, ctx.labels, forget, options);
    const compute = localCompute();
    await compute.setInputs(ctx.inputs);
    const before = await compute.ensembleFromWeights(ctx.spec, ctx.inputDim, ctx.classes, weights);
    const after = await compute.ensembleFromWeights(ctx.spec, ctx.inputDim, ctx.classes, stepped);
    const labels = targetLabels(ctx);
    const c = ctx.classes;
    const n = train.rows;
    const margins = async (e: typeof before) => {
      const zt = await e.predict('train');
      const zv = await e.predict('validation');
      const out = new Float64Array(labels.length);
      for (let m = 0; m < e.size; m++) {
        for (let t = 0; t < labels.length; t++) {
          const [z, off] = t < n ? [zt, (m * n + t) * c] : [zv, (m * validation.rows + t - n) * c];
          out[t] += marginAt(z, off, c, labels[t]) / e.size;
        }
      }
      return out;
    };
    const a = await margins(before);
    const b = await margins(after);
    const predicted = Array.from(a, (v, t) => v - b[t]);
    const r = pearson(predicted, truth.change);
    expect(r).toBeGreaterThanOrEqual(0.9);
    // and the group's own margins fall by about the right amount (within a factor of 2)
    const drop = (v: ArrayLike<number>) => Array.from(forget, (i) => v[i]).reduce((s, x) => s + x, 0) / forget.length;
    expect(drop(predicted) / drop(truth.change)).toBeGreaterThan(0.5);
    expect(drop(predicted) / drop(truth.change)).toBeLessThan(2);
    for (const e of [originals, before, after]) e.dispose();
  });

  it('takes no step for an empty forget set, and refuses cnn-s', async () => {
    const { ctx } = problem;
    const originals = await trainOriginals(ctx, 2, 5);
    const weights = await originals.weights();
    const state = await prepareGroupNewton(ctx.spec, weights, ctx.inputs.sets.train!, ctx.labels, ctx.classes);
    expect(await groupNewtonWeights(state, weights, ctx.inputs.sets.train!, ctx.labels, new Int32Array(0), { damping: 1, layers: 'all' })).toEqual(weights);
    await expect(groupNewtonWeights(state, weights, ctx.inputs.sets.train!, ctx.labels, Int32Array.of(0, 1), { damping: 1, layers: 'all', eigenvalues: 'ekfac' })).rejects.toThrow(/prepareEkfac/);
    await expect(prepareGroupNewton({ kind: 'cnn-s', hidden: 8 }, weights, ctx.inputs.sets.train!, ctx.labels, ctx.classes)).rejects.toThrow(/cnn-s/);
    originals.dispose();
  });
});
