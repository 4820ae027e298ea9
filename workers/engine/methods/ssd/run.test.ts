import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMethodParams } from '../registry';
import { RUN_METHODS } from '../run-registry';
import { CLASSES, contextFor, makeFixture, meanLoss, SPEC, type Fixture } from '../test-fixture';
import { diagonalFisher } from '../shared/loss-gradients';
import { ssdParams } from './meta';
import { dampen } from './run';

let fx: Fixture;
beforeAll(async () => (fx = await makeFixture()));
afterAll(() => fx?.originals.dispose());

describe('selective synaptic dampening (SSD)', () => {
  it('dampens exactly the weights whose forget importance exceeds α × the full-data importance', () => {
    const w = [Float32Array.of(1, -2, 3, 4)];
    const full = [Float32Array.of(1, 1, 1, 0)];
    const forget = [Float32Array.of(5, 20, 10, 0)]; // α = 8: weights 1 (20 > 8) and 2 (10 > 8); 0 and 3 are not above
    const d = dampen(w, full, forget, 8, 2);
    expect(d.dampened).toBe(2);
    expect(Array.from(d.weights[0])).toEqual([1, -2 * Math.min((2 * 1) / 20, 1), 3 * Math.min((2 * 1) / 10, 1), 4].map(Math.fround));
  });

  it('the Fisher diagonal is the mean squared per-example gradient (two rows’ Fisher is the mean of each row’s own)', async () => {
    const w = (await fx.originals.weights())[0];
    const x = fx.inputs.sets.train!;
    const rows = Int32Array.of(3, 7);
    const f = await diagonalFisher(SPEC, w, x, rows, fx.labels, CLASSES);
    const one = await Promise.all(Array.from(rows, (r) => diagonalFisher(SPEC, w, x, Int32Array.of(r), fx.labels, CLASSES)));
    // the mean over rows of each row's own squared gradient
    for (let p = 0; p < w.length; p++) for (const i of [0, Math.min(5, w[p].length - 1), w[p].length - 1]) expect(f[p][i]).toBeCloseTo((one[0][p][i] + one[1][p][i]) / 2, 6);
    expect(f.map((a) => a.length)).toEqual(w.map((a) => a.length));
  });

  // α = 2: the fixture's forget set is random, where forget and full-data importances differ
  // little (SSD is meant for classes and coherent groups), so the paper's α = 10 selects nothing.
  it('on the fixture: touches only selected weights, raises the forget loss, trains nothing', async () => {
    const params = ssdParams.parse({ alpha: 2 });
    const out = await RUN_METHODS.ssd.run(await contextFor(fx, params));
    const before = await fx.originals.weights();
    const after = await out.ensemble!.weights();
    const all = Int32Array.from({ length: fx.labels.length }, (_, i) => i);
    const x = fx.inputs.sets.train!;
    let changed = 0;
    for (const [m, w] of before.entries()) {
      const full = await diagonalFisher(SPEC, w, x, all, fx.labels, CLASSES);
      const forget = await diagonalFisher(SPEC, w, x, fx.forget, fx.labels, CLASSES);
      for (let p = 0; p < w.length; p++) {
        for (let i = 0; i < w[p].length; i++) {
          if (after[m][p][i] !== w[p][i]) {
            changed++;
            expect(forget[p][i]).toBeGreaterThan(2 * full[p][i]);
          }
        }
      }
    }
    expect(changed).toBeGreaterThan(0);
    expect(out.cost.steps).toBe(0);
    expect(await meanLoss(fx, out.ensemble!, fx.forget)).toBeGreaterThan(await meanLoss(fx, fx.originals, fx.forget));
    out.ensemble!.dispose();
  });

  it('enforces its bounds', () => {
    expect(() => parseMethodParams('ssd', { alpha: 0.5 })).toThrow();
    expect(() => parseMethodParams('ssd', { lambda: 100 })).toThrow();
  });
});
