import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tfjsModelCurvature } from '../attribution/group-newton';
import { initBackend } from '../backend/select';
import { localCompute } from '../compute/local';
import { nodeWorkerPool } from '../compute/spawn.node';
import type { ModelCurvature } from '../compute/types';
import type { ModelSpec } from '../models/spec';
import { initialWeights } from '../models/weights';
import { Rng } from '../util/rng';

/**
 * The native curvature pass (one fused pass per shard) against the tfjs reference, model by
 * model: 300 rows (a partial last chunk), 20 hidden units (padded to 24), 4 classes. Both sum
 * float32 products, in other orders: agreement to ~1e-5 of each gram's largest entry.
 */
const D = 13;
const ROWS = 300;
const C = 4;
const rng = new Rng(11);
const values = Float32Array.from({ length: ROWS * D }, () => rng.normal());
const labels = Uint8Array.from({ length: ROWS }, () => rng.int(C));
const train = { values, rows: ROWS, dim: D };
const inputs = { sets: { train }, imageShape: null };

beforeAll(async () => {
  await initBackend('wasm');
});

function expectClose(actual: Float64Array | null, expected: Float64Array | null) {
  expect(actual === null).toBe(expected === null);
  if (!actual || !expected) return;
  expect(actual.length).toBe(expected.length);
  const scale = expected.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  for (let i = 0; i < expected.length; i++) expect(Math.abs(actual[i] - expected[i])).toBeLessThan(2e-5 * scale);
}

async function check(spec: ModelSpec, compute: ReturnType<typeof localCompute>) {
  const weights = [7, 8, 9].map((seed) => initialWeights(spec, D, C, seed));
  // trained-looking weights: larger than the initialisation, so the softmax is not uniform
  for (const w of weights) for (const a of w) for (let i = 0; i < a.length; i++) a[i] = a[i] * 3 + 0.1 * Math.sin(i);
  await compute.setInputs(inputs);
  const e = await compute.ensembleFromWeights(spec, D, C, weights);
  try {
    const got = await e.curvature(labels);
    expect(got).toHaveLength(3);
    for (const [m, w] of weights.entries()) {
      const want: ModelCurvature = await tfjsModelCurvature(spec, w, train, labels, C);
      expectClose(got[m].lastInputs, want.lastInputs);
      expectClose(got[m].logitGradients, want.logitGradients);
      expectClose(got[m].hiddenGradients, want.hiddenGradients);
    }
  } finally {
    e.dispose();
  }
}

describe('the native curvature pass', () => {
  const pool = nodeWorkerPool({ threads: 2 });
  afterAll(() => pool.dispose());

  it('gives the tfjs reference’s K-FAC statistics for every mlp model, in this thread', async () => {
    await check({ kind: 'mlp', hidden: 20 }, localCompute());
  });
  it('and for the linear model (no hidden layer; its input gram is the shared one)', async () => {
    await check({ kind: 'linear', hidden: 20 }, localCompute());
  });
  it('and the same, in model order, when the models are spread over a pool of 2 workers', async () => {
    await check({ kind: 'mlp', hidden: 20 }, pool as never);
  });
  it('tfjs shards (no native kernels) give the reference itself', async () => {
    await check({ kind: 'mlp', hidden: 20 }, localCompute({ native: false }));
  });
});
