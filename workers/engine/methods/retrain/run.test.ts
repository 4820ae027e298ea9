import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disposeEnsemble } from '../../models/ensemble';
import { RUN_METHODS } from '../run-registry';
import { contextFor, flatWeights, makeFixture, retrainOnRetain, TRAINING, type Fixture } from '../test-fixture';

let fx: Fixture;
beforeAll(async () => (fx = await makeFixture()));
afterAll(() => disposeEnsemble(fx.originals));

describe('retrain', () => {
  it('equals training on the retain set with the same seeds, and reports its steps', async () => {
    const ctx = contextFor(fx, {});
    const out = await RUN_METHODS.retrain.run(ctx);
    const reference = await retrainOnRetain(fx);
    expect(await flatWeights(out.ensemble!)).toEqual(await flatWeights(reference));
    const steps = TRAINING.epochs * Math.ceil(fx.retain.length / TRAINING.batchSize);
    expect(out.cost.steps).toBe(steps);
    expect(out.cost.examples).toBe(TRAINING.epochs * fx.retain.length * 3);
    expect(out.cost.seconds).toBeGreaterThan(0);
    // the originals were handed over and, unused, released
    expect(ctx.originals.variables.every((v) => v.isDisposed)).toBe(true);
    disposeEnsemble(out.ensemble!);
    disposeEnsemble(reference);
  });
});
