import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meanOverModels } from '../../experiment/outputs';
import { RUN_METHODS } from '../run-registry';
import { contextFor, makeFixture, rms, type Fixture } from '../test-fixture';
import { omParams } from './meta';

let fx: Fixture;
beforeAll(async () => (fx = await makeFixture()));
afterAll(() => fx.originals.dispose());

/** The same [rows × C] target repeated for each of `models` models. */
function tile(values: Float32Array, models: number): Float32Array {
  const out = new Float32Array(values.length * models);
  for (let m = 0; m < models; m++) out.set(values, m * values.length);
  return out;
}

describe('oracle matching', () => {
  it('moves the originals’ logits toward the oracles’ on the forget set', async () => {
    const oracles = await fx.oracles();
    const oracleLogits = async (rows: Int32Array) => meanOverModels(await oracles.predict('train', rows), oracles.size);
    const target = tile(await oracleLogits(fx.forget), 3);
    const before = rms(await fx.originals.predict('train', fx.forget), target);

    const out = await RUN_METHODS.om.run(await contextFor(fx, omParams.parse({ batchSize: 64, learningRate: 3e-3, epochs: 20 }), { oracleLogits }));
    const after = rms(await out.ensemble!.predict('train', fx.forget), target);
    expect(out.diverged).toBe(false);
    expect(after).toBeLessThan(0.5 * before);
    // 30 forget points × 3 + 300 retain points (capped at |R| = 270), batch 64, 20 epochs
    expect(out.cost.steps).toBe(20 * Math.ceil((30 * 3 + 270) / 64));
    out.ensemble!.dispose();
  });

  it('says clearly when no oracle is given', async () => {
    await expect(RUN_METHODS.om.run(await contextFor(fx, omParams.parse({})))).rejects.toThrow(/oracle/i);
  });
});
