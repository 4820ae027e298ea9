import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUN_METHODS } from '../run-registry';
import { contextFor, flatWeights, makeFixture, type Fixture } from '../test-fixture';

let fx: Fixture;
beforeAll(async () => (fx = await makeFixture()));
afterAll(() => fx.originals.dispose());

describe('do nothing', () => {
  it('returns the originals bit for bit, at zero cost', async () => {
    const ctx = await contextFor(fx, {});
    const out = await RUN_METHODS.none.run(ctx);
    expect(out.ensemble).toBe(ctx.originals);
    expect(await flatWeights(out.ensemble!)).toEqual(await flatWeights(fx.originals));
    expect(out.cost).toEqual({ seconds: 0, steps: 0, examples: 0 });
    expect(out.diverged).toBe(false);
    out.ensemble!.dispose();
  });
});
