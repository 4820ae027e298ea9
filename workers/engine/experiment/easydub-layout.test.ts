import { describe, expect, it } from 'vitest';
import { writeNpy } from '../npy/npy';
import { Rng } from '../util/rng';
import { readEasydubLayout, type LayoutFile } from './easydub-layout';
import { evaluateMargins, MarginInputError } from './evaluate-margins';

/**
 * A generated EasyDUB folder: forget set 3 (20 of 100 train points), 30 validation points,
 * 12 pretrain and 24 oracle models with margins ~ N(centre(point), 1); the pretrain models
 * have +3 on the forget points (not forgotten). Pretrain's retain file covers the whole train
 * set, as EasyDUB's does; the oracles' covers the retain set only.
 */
const TRAIN = 100;
const VAL = 30;
const FORGET = Array.from({ length: 20 }, (_, i) => 5 * i + 2);
const RETAIN = Array.from({ length: TRAIN }, (_, i) => i).filter((i) => !FORGET.includes(i));
const centre = (p: number) => ((p * 37) % 11) / 3 - 1;

function folder(options: { pretrain?: number; oracles?: number; dropOracleVal?: number } = {}): LayoutFile[] {
  const files: LayoutFile[] = [];
  const add = (path: string, data: number[]) => {
    const bytes = writeNpy(data, [data.length]);
    files.push({ path: `EasyDUB-dataset/${path}`, read: async () => bytes });
  };
  add('forget_sets/cifar10/forget_set_3.npy', FORGET);
  add('forget_sets/cifar10/forget_set_7.npy', [1, 2]);
  const draw = (seed: number, points: number[], shift: number) => {
    const rng = new Rng(seed);
    return points.map((p) => centre(p) + rng.normal() + shift);
  };
  for (let m = 0; m < (options.pretrain ?? 12); m++) {
    add(`margins/cifar10/pretrain/forget_3/resnet9/id_${m}_epoch_23.npy`, draw(100 + m, FORGET, 3));
    add(`margins/cifar10/pretrain/retain/resnet9/id_${m}_epoch_23.npy`, draw(200 + m, Array.from({ length: TRAIN }, (_, i) => i), 0));
    add(`margins/cifar10/pretrain/val/resnet9/id_${m}_epoch_23.npy`, draw(300 + m, Array.from({ length: VAL }, (_, i) => 1000 + i), 0));
  }
  for (let m = 0; m < (options.oracles ?? 24); m++) {
    add(`margins/cifar10/oracle/forget_3/forget/resnet9/id_${m}_epoch_23.npy`, draw(400 + m, FORGET, 0));
    add(`margins/cifar10/oracle/forget_3/retain/resnet9/id_${m}_epoch_23.npy`, draw(500 + m, RETAIN, 0));
    if (m !== options.dropOracleVal) add(`margins/cifar10/oracle/forget_3/val/resnet9/id_${m}_epoch_23.npy`, draw(600 + m, Array.from({ length: VAL }, (_, i) => 1000 + i), 0));
  }
  return files;
}

describe('the EasyDUB folder layout', () => {
  it('reads forget | retain | val columns, masks F out of a whole-train retain file, and halves the oracles for the noise floor', async () => {
    const input = await readEasydubLayout(folder());
    expect(input.unlearned.array.shape).toEqual([12, 20 + 80 + 30]);
    expect(input.oracles.array.shape).toEqual([12, 130]);
    expect(input.oracles2?.array.shape).toEqual([12, 130]);
    expect(input.groups.forget).toHaveLength(20);
    expect(input.groups.retain[0]).toBe(20);
    expect(input.summary).toMatch(/forget set 3: 12 pretrain models against 12 oracles \(and 12 more for the noise floor\)/);
    // retain column 0 of pretrain model 0 is train point 0 (not in F): draw(200, all)[0]
    expect(input.unlearned.array.data[20]).toBeCloseTo(centre(0) + new Rng(200).normal(), 5);
    // retain column 2 skips forget point 2: train point 3
    const r = new Rng(200);
    const all = Array.from({ length: 4 }, (_, p) => centre(p) + r.normal());
    expect(input.unlearned.array.data[22]).toBeCloseTo(all[3], 5);

    // the same numbers evaluateMargins gives; pretrain (not forgotten) is far from the oracles on F
    const ev = evaluateMargins({ ...input, groupsName: 'points' });
    expect(ev.ulira.status === 'ok' && ev.ulira.auc).toBeGreaterThan(0.9);
    expect(ev.klom.forget.summary.p95).toBeGreaterThan(ev.noiseFloor!.forget.summary.p95); // 12 models a side: KLoM separates little (README, "KLoM and N")
  });

  it('chooses the forget set and the number of models when told, and skips models missing a phase', async () => {
    const input = await readEasydubLayout(folder({ dropOracleVal: 0 }), { forgetSet: 3, models: 5 });
    expect(input.oracles.array.shape[0]).toBe(5);
    // oracle 0 has no val file: the oracles are ids 1–5, the floor ids 6–10
    expect(input.oracles.array.data[0]).toBeCloseTo(centre(FORGET[0]) + new Rng(401).normal(), 5);
  });

  it('says what is wrong, naming the place', async () => {
    await expect(readEasydubLayout([])).rejects.toThrow(/not an EasyDUB layout/);
    await expect(readEasydubLayout(folder(), { forgetSet: 9 })).rejects.toThrow(/no forget set 9; it has 3, 7/);
    await expect(readEasydubLayout(folder(), { forgetSet: 7 })).rejects.toThrow(/pretrain: no model has margins for all of forget_7/);
    await expect(readEasydubLayout(folder({ oracles: 3 }))).resolves.toMatchObject({ oracles2: undefined });
    const bad = folder();
    const i = bad.findIndex((f) => f.path.endsWith('pretrain/val/resnet9/id_4_epoch_23.npy'));
    bad[i] = { path: bad[i].path, read: async () => writeNpy([1, 2, 3], [3]) };
    const err = await readEasydubLayout(bad).catch((e) => e);
    expect(err).toBeInstanceOf(MarginInputError);
    expect(err.message).toMatch(/pretrain\/val\/resnet9\/id_4_epoch_23\.npy: 3 margins where the oracles have 30 val points/);
  });
});
