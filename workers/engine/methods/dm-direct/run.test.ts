import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUN_METHODS } from '../run-registry';
import { contextFor, makeFixture, type Fixture } from '../test-fixture';
import { dmDirectParams } from './meta';

let fx: Fixture;
beforeAll(async () => (fx = await makeFixture()));
afterAll(() => fx.originals.dispose());

describe('DM-direct', () => {
  it('returns exactly the predicted oracle logits, at zero fine-tuning cost, and releases the originals', async () => {
    const predictedOracleLogits = async (set: 'train' | 'validation', rows: Int32Array) =>
      Float32Array.from({ length: 3 * rows.length * 4 }, (_, i) => (set === 'train' ? 1 : -1) * (i + rows[0]) * 0.25);
    const ctx = await contextFor(fx, dmDirectParams.parse({}), { predictedOracleLogits });
    const out = await RUN_METHODS['dm-direct'].run(ctx);
    expect(out.ensemble).toBeNull();
    for (const set of ['train', 'validation'] as const) {
      const rows = Int32Array.from([4, 8, 15]);
      expect(await out.predict!(set, rows)).toEqual(await predictedOracleLogits(set, rows));
    }
    expect(out.cost).toEqual({ seconds: 0, steps: 0, examples: 0 });
    await expect(ctx.originals.weights()).rejects.toThrow(/no ensemble/);
  });

  it('evaluates a copy of the predicted models when the estimator gives them (group Newton), so attack success and the map can be measured', async () => {
    const predictedOracleModels = await fx.originals.clone();
    const predictedOracleLogits = (set: 'train' | 'validation', rows: Int32Array) => predictedOracleModels.predict(set, rows);
    const ctx = await contextFor(fx, dmDirectParams.parse({}), { predictedOracleLogits, predictedOracleModels });
    const out = await RUN_METHODS['dm-direct'].run(ctx);
    expect(out.ensemble).not.toBeNull();
    expect(out.ensemble).not.toBe(predictedOracleModels); // a copy: the run releases the prediction on its own
    const rows = Int32Array.from([4, 8, 15]);
    expect(await out.ensemble!.predict('train', rows)).toEqual(await predictedOracleLogits('train', rows));
    expect(out.cost).toEqual({ seconds: 0, steps: 0, examples: 0 });
    out.ensemble!.dispose();
    predictedOracleModels.dispose();
  });

  it('says clearly when there are no predictions', async () => {
    await expect(RUN_METHODS['dm-direct'].run(await contextFor(fx, dmDirectParams.parse({})))).rejects.toThrow(/predictedOracleLogits/);
  });
});
