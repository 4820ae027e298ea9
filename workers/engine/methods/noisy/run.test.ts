import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUN_METHODS } from '../run-registry';
import { fineTunePlan } from '../ft/run';
import { runPlan } from '../shared/run-plan';
import { contextFor, makeFixture, type Fixture } from '../test-fixture';
import { noisyParams } from './meta';

let fx: Fixture;
beforeAll(async () => (fx = await makeFixture()));
afterAll(() => fx?.originals.dispose());

async function weightsOf(params: Record<string, number>) {
  const out = await RUN_METHODS.noisy.run(await contextFor(fx, noisyParams.parse(params)));
  const w = await out.ensemble!.weights();
  out.ensemble!.dispose();
  return w;
}

describe('noisy descent', () => {
  it('without noise and with a clip it never reaches, it is the plain fine-tune on the same batches', async () => {
    const p = noisyParams.parse({ noise: 0, clipNorm: 100 });
    const ctx = await contextFor(fx, p);
    const plain = await runPlan(ctx, fineTunePlan(ctx, p, 'noisy'), 'plain');
    const want = await plain.ensemble!.weights();
    plain.ensemble!.dispose();
    expect(await weightsOf({ noise: 0, clipNorm: 100 })).toEqual(want);
  });

  it('its noise is seeded (the same run twice is the same) and does move the result; a tight clip does too', async () => {
    const base = await weightsOf({ noise: 0, clipNorm: 100 });
    const noisy = await weightsOf({ noise: 0.5 });
    expect(await weightsOf({ noise: 0.5 })).toEqual(noisy);
    expect(noisy).not.toEqual(base);
    expect(await weightsOf({ noise: 0, clipNorm: 0.01 })).not.toEqual(base);
  });
});
