import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUN_METHODS } from '../run-registry';
import { meanGradient } from '../shared/loss-gradients';
import { CLASSES, contextFor, makeFixture, meanLoss, SPEC, type Fixture } from '../test-fixture';
import { salunParams } from './meta';
import { saliencyMask } from './run';

let fx: Fixture;
beforeAll(async () => (fx = await makeFixture()));
afterAll(() => fx?.originals.dispose());

describe('saliency unlearning (SalUn)', () => {
  it('keeps the given share of weights with the largest gradient magnitude', () => {
    const mask = saliencyMask([Float32Array.of(0.1, -5, 0.2), Float32Array.of(3, -0.01, 0)], 1 / 3);
    expect(Array.from(mask)).toEqual([0, 1, 0, 1, 0, 0]);
    expect(Array.from(saliencyMask([Float32Array.of(1, 2)], 1))).toEqual([1, 1]);
  });

  it('the mean gradient of two rows is the mean of each row’s own', async () => {
    const w = (await fx.originals.weights())[0];
    const x = fx.inputs.sets.train!;
    const both = await meanGradient(SPEC, w, x, Int32Array.of(2, 9), fx.labels, CLASSES);
    const one = await Promise.all([2, 9].map((r) => meanGradient(SPEC, w, x, Int32Array.of(r), fx.labels, CLASSES)));
    for (let p = 0; p < w.length; p++) for (const i of [0, w[p].length - 1]) expect(both[p][i]).toBeCloseTo((one[0][p][i] + one[1][p][i]) / 2, 6);
  });

  it('on the fixture: updates only the salient weights, and raises the forget loss', async () => {
    const params = salunParams.parse({ sparsity: 0.3 });
    const before = await fx.originals.weights();
    const out = await RUN_METHODS.salun.run(await contextFor(fx, params));
    const after = await out.ensemble!.weights();
    let moved = 0;
    for (const [m, w] of before.entries()) {
      const mask = saliencyMask(await meanGradient(SPEC, w, fx.inputs.sets.train!, fx.forget, fx.labels, CLASSES), 0.3);
      let o = 0;
      for (let p = 0; p < w.length; p++) {
        for (let i = 0; i < w[p].length; i++, o++) {
          if (!mask[o]) expect(after[m][p][i]).toBe(w[p][i]);
          else if (after[m][p][i] !== w[p][i]) moved++;
        }
      }
    }
    expect(moved).toBeGreaterThan(0);
    expect(out.notes.join(' ')).toMatch(/Updated 30\.\d% of the weights/);
    expect(await meanLoss(fx, out.ensemble!, fx.forget)).toBeGreaterThan(await meanLoss(fx, fx.originals, fx.forget));
    out.ensemble!.dispose();
  });
});
