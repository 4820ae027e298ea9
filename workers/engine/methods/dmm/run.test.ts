import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUN_METHODS } from '../run-registry';
import { contextFor, makeFixture, rms, type Fixture } from '../test-fixture';
import { dmmParams } from './meta';
import { meanOverModels } from '../../util/logits';

let fx: Fixture;
beforeAll(async () => (fx = await makeFixture()));
afterAll(() => fx.originals.dispose());

/**
 * Synthetic "predicted oracle" logits: each original's own logits, with the training
 * label's logit lowered by 3 on forget points (what a datamodel predicts when removing
 * F lowers their margins). Per model, as the attribution stage returns them.
 */
function syntheticPredictions(fx: Fixture) {
  const inForget = new Set(fx.forget);
  return async (_set: 'train' | 'validation', rows: Int32Array) => {
    const z = await fx.originals.predict('train', rows);
    const c = 4;
    for (let m = 0; m < fx.originals.size; m++) {
      rows.forEach((row, i) => {
        if (inForget.has(row)) z[(m * rows.length + i) * c + fx.labels[row]] -= 3;
      });
    }
    return z;
  };
}

describe('datamodel matching', () => {
  it('moves each model’s logits toward its predicted oracle logits', async () => {
    const predicted = syntheticPredictions(fx);
    const target = await predicted('train', fx.forget);
    const before = rms(await fx.originals.predict('train', fx.forget), target);
    const out = await RUN_METHODS.dmm.run(await contextFor(fx, dmmParams.parse({ batchSize: 64, learningRate: 3e-3, epochs: 20, budget: 1 }), { predictedOracleLogits: predicted }));
    const after = rms(await out.ensemble!.predict('train', fx.forget), target);
    expect(out.diverged).toBe(false);
    expect(after).toBeLessThan(0.5 * before);
    expect(out.notes.join(' ')).toMatch(/Group Newton/);
    out.ensemble!.dispose();
  });

  it('holds the fine-tune to its share of Retrain’s examples and says so', async () => {
    // 20 epochs over 6 copies of F is far more than 0.5% of this fixture's Retrain
    const out = await RUN_METHODS.dmm.run(await contextFor(fx, dmmParams.parse({ epochs: 20, budget: 0.005 }), { predictedOracleLogits: syntheticPredictions(fx) }));
    expect(out.notes[0]).toMatch(/held to 0\.5% of Retrain's training examples/);
    expect(out.notes[0]).toMatch(/1× over 1 epoch/);
    out.ensemble!.dispose();
  });

  it('starting from the predicted models, matches each model’s own prediction on F, or their ensemble mean', async () => {
    const predicted = syntheticPredictions(fx);
    const target = await predicted('train', fx.forget);
    const mean = meanOverModels(target, fx.originals.size);
    // spread of the models' forget logits around the ensemble's mean target
    const spread = (z: Float32Array) => rms(z, Float32Array.from(z, (_, i) => mean[i % mean.length]));
    const after = async (targets: 'per-model' | 'ensemble') => {
      const params = dmmParams.parse({ batchSize: 64, learningRate: 3e-3, epochs: 20, budget: 1, targets });
      const out = await RUN_METHODS.dmm.run(await contextFor(fx, params, { predictedOracleLogits: predicted, predictedOracleModels: fx.originals }));
      const z = await out.ensemble!.predict('train', fx.forget);
      out.ensemble!.dispose();
      return { z, notes: out.notes.join(' ') };
    };
    const own = await after('per-model');
    const shared = await after('ensemble');
    expect(own.notes).toMatch(/matched to them on F/);
    expect(shared.notes).toMatch(/matched to their ensemble mean on F/);
    // the originals disagree on F; matching the mean pulls the models together, matching their own keeps them apart
    expect(spread(shared.z)).toBeLessThan(0.6 * spread(own.z));
  });

  it('counts fetching its targets in its cost, and asks the predicted models only for F', async () => {
    const predicted = syntheticPredictions(fx);
    const asked: number[] = [];
    // a prediction that takes 0.3 s: a forget set's own work, which unlearning it cannot skip
    const slow = async (set: 'train' | 'validation', rows: Int32Array) => {
      asked.push(...rows);
      await new Promise((done) => setTimeout(done, 300));
      return predicted(set, rows);
    };
    const params = dmmParams.parse({ batchSize: 64, epochs: 1, budget: 1 });
    const out = await RUN_METHODS.dmm.run(await contextFor(fx, params, { predictedOracleLogits: slow, predictedOracleModels: fx.originals }));
    out.ensemble!.dispose();
    expect(out.cost.seconds).toBeGreaterThanOrEqual(0.3);
    expect(out.notes.join(' ')).toMatch(/Targets fetched in 0\.[3-9]\d s \(counted in the cost\)/);
    expect(new Set(asked)).toEqual(new Set(fx.forget));
  });

  it('says clearly when there are no predictions', async () => {
    await expect(RUN_METHODS.dmm.run(await contextFor(fx, dmmParams.parse({})))).rejects.toThrow(/predictedOracleLogits/);
  });
});
