import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUN_METHODS } from '../run-registry';
import { contextFor, makeFixture, type Fixture } from '../test-fixture';
import { l1SparseParams } from './meta';

let fx: Fixture;
beforeAll(async () => (fx = await makeFixture()));
afterAll(() => fx?.originals.dispose());

const l1Norm = (models: Float32Array[][]) => models.reduce((s, w) => s + w.reduce((t, a) => t + a.reduce((u, v) => u + Math.abs(v), 0), 0), 0);

describe('ℓ1-sparse unlearning', () => {
  it('with the penalty on, the weights end sparser than the same fine-tune without it (same batches)', async () => {
    const run = async (l1: number) => {
      const out = await RUN_METHODS['l1-sparse'].run(await contextFor(fx, l1SparseParams.parse({ l1 })));
      const w = await out.ensemble!.weights();
      out.ensemble!.dispose();
      return { w, diverged: out.diverged };
    };
    const plain = await run(0);
    const sparse = await run(5); // the fixture runs only 6 steps
    expect(sparse.diverged).toBe(false);
    expect(l1Norm(sparse.w)).toBeLessThan(0.9 * l1Norm(plain.w));
  });
});
