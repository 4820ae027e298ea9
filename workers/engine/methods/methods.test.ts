import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUN_METHODS, runMethod } from './run-registry';
import { contextFor, makeFixture, type Fixture } from './test-fixture';
import { METHOD_IDS, type MethodId, type MethodOutput } from './types';

/** Properties every method must have, checked on all of them. */
let fx: Fixture;
beforeAll(async () => (fx = await makeFixture()));
afterAll(() => fx.originals.dispose());

/** Cheap stand-ins for the oracle and attribution stages: right shapes, constant values. */
const extras = {
  oracleLogits: async (rows: Int32Array) => new Float32Array(rows.length * 4).fill(0.5),
  predictedOracleLogits: async (_set: 'train' | 'validation', rows: Int32Array) => new Float32Array(3 * rows.length * 4).fill(-0.5),
};

function release(out: MethodOutput): void {
  out.ensemble?.dispose();
}

const TRAINED: MethodId[] = ['ft', 'ga', 'gd', 'rl', 'scrub', 'om', 'dmm', 'salun', 'l1-sparse', 'noisy'];

/** Ensembles and tensors alive in the compute. */
async function alive(): Promise<string> {
  return JSON.stringify((await fx.compute.usage()).threads);
}

describe('every method', () => {
  it.each(TRAINED)('%s flags a huge learning rate as diverged instead of throwing', async (id) => {
    const method = RUN_METHODS[id];
    const params = { ...(method.meta.params.parse({}) as object), learningRate: 1e3 };
    const out = await method.run(await contextFor(fx, params, extras));
    expect(out.diverged).toBe(true);
    expect(out.notes.join(' ')).toMatch(/learning rate/);
    release(out);
  });

  it.each(TRAINED)('%s with its defaults does not diverge and reports its cost', async (id) => {
    const out = await runMethod(id, { ...(await contextFor(fx, {}, extras)), params: {} });
    expect(out.diverged).toBe(false);
    expect(out.cost.steps).toBeGreaterThan(0);
    expect(out.cost.examples).toBeGreaterThanOrEqual(out.cost.steps * 3 * 8);
    expect(out.cost.seconds).toBeGreaterThan(0);
    release(out);
  });

  it.each(METHOD_IDS)('%s leaks no ensemble or tensor over two runs (originals handed over, outputs disposed)', async (id) => {
    const before = await alive();
    for (let i = 0; i < 2; i++) release(await runMethod(id, { ...(await contextFor(fx, {}, extras)), params: {} }));
    expect(await alive()).toBe(before);
  });

  it('releases the originals when the parameters are out of bounds', async () => {
    const before = await alive();
    const ctx = await contextFor(fx, {}, extras);
    await expect(runMethod('ft', { ...ctx, params: { learningRate: 5 } })).rejects.toThrow();
    expect(await alive()).toBe(before);
    await expect(ctx.originals.predict('train', Int32Array.of(0))).rejects.toThrow(/no ensemble/);
  });
});
