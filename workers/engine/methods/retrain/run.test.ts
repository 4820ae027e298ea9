import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUN_METHODS } from '../run-registry';
import { contextFor, makeFixture, retrainOnRetain, TRAINING, type Fixture } from '../test-fixture';

let fx: Fixture;
beforeAll(async () => (fx = await makeFixture()));
afterAll(() => fx.originals.dispose());

describe('retrain', () => {
  it('returns the ensemble retrained on R that the experiment hands over, with its training time as the cost', async () => {
    const handed = await retrainOnRetain(fx, [31, 32, 33]);
    const ctx = await contextFor(fx, {}, { retrain: async () => ({ ensemble: handed, seconds: 12.5, reused: true }) });
    const out = await RUN_METHODS.retrain.run(ctx);
    expect(out.ensemble).toBe(handed);
    expect(out.cost.seconds).toBe(12.5);
    expect(out.cost.steps).toBe(TRAINING.epochs * Math.ceil(fx.retain.length / TRAINING.batchSize));
    expect(out.cost.examples).toBe(TRAINING.epochs * fx.retain.length * 3);
    expect(out.notes.join(' ')).toMatch(/second oracle ensemble/);
    // the originals were handed over and, unused, released
    await expect(ctx.originals.weights()).rejects.toThrow(/no ensemble/);
    handed.dispose();
  });
});
