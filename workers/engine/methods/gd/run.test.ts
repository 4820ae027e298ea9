import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUN_METHODS } from '../run-registry';
import { contextFor, flatWeights, makeFixture, meanLoss, type Fixture } from '../test-fixture';
import { gdParams } from './meta';

let fx: Fixture;
beforeAll(async () => (fx = await makeFixture()));
afterAll(() => fx.originals.dispose());

/** GD with the given α (and forget set), everything else fixed. */
async function gd(alpha: number, forget = fx.forget) {
  const params = gdParams.parse({ learningRate: 3e-3, epochs: 4, batchSize: 64, forgetBatchSize: 16, alpha });
  return RUN_METHODS.gd.run(await contextFor(fx, params, { forget }));
}

describe('gradient difference: α·CE(R) − (1−α)·CE(F)', () => {
  it('with α = 1 the forget set has no influence at all (the ascent term weighs 0)', async () => {
    const a = await gd(1);
    const b = await gd(1, fx.retain.slice(0, 30));
    expect(await flatWeights(a.ensemble!)).toEqual(await flatWeights(b.ensemble!));
    a.ensemble!.dispose();
    b.ensemble!.dispose();
  });

  it('the ascent term raises the forget loss above what descent on R alone gives', async () => {
    const descent = await gd(1);
    const both = await gd(0.5);
    expect(both.diverged).toBe(false);
    expect(await meanLoss(fx, both.ensemble!, fx.forget)).toBeGreaterThan(await meanLoss(fx, descent.ensemble!, fx.forget));
    descent.ensemble!.dispose();
    both.ensemble!.dispose();
  });
});
