import { describe, expect, it } from 'vitest';
import { datasetFromCifarFiles, makeSyntheticDataset, summarizeDataset, toFloatImagesNHWC } from './dataset.ts';
import { DatasetError } from './errors.ts';
import { hashDataset } from './hash.ts';
import { fakeCifarFiles, fakeImageSet } from './test-fixtures.ts';

describe('makeSyntheticDataset', () => {
  it('fills id, name, source and hash, and is reproducible', async () => {
    const a = await makeSyntheticDataset({ seed: 5, trainSize: 40, validationSize: 10 });
    const b = await makeSyntheticDataset({ seed: 5, trainSize: 40, validationSize: 10 });
    expect(a.id).toBe('synthetic');
    expect(a.name).toBe('Synthetic shapes (seed 5)');
    expect(a.source).toEqual({ kind: 'synthetic', seed: 5, trainSize: 40, validationSize: 10 });
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.hash).toBe(b.hash);
    expect(a.hash).toBe(await hashDataset(a));
    expect(a.train.count).toBe(40);
  });

  it('uses seed 1 and 5000 + 1000 by default', async () => {
    const d = await makeSyntheticDataset();
    expect(d.source).toEqual({ kind: 'synthetic', seed: 1, trainSize: 5000, validationSize: 1000 });
  });
});

describe('datasetFromCifarFiles', () => {
  it('builds a Dataset with the given id and an origin', async () => {
    const d = await datasetFromCifarFiles(fakeCifarFiles(2, 5, 4), { id: 'mini', origin: 'test' });
    expect(d.id).toBe('mini');
    expect(d.name).toBe('CIFAR-10 (10 train / 4 validation)');
    expect(d.source).toEqual({ kind: 'cifar10', origin: 'test' });
    expect(d.classNames[0]).toBe('a0');
    expect(d.hash).toBe(await hashDataset(d));
  });

  it('passes loader errors through as DatasetError', async () => {
    await expect(datasetFromCifarFiles([])).rejects.toBeInstanceOf(DatasetError);
  });
});

describe('summarizeDataset', () => {
  it('is a small JSON description with per-class counts', async () => {
    const d = await makeSyntheticDataset({ seed: 2, trainSize: 30, validationSize: 10 });
    const s = summarizeDataset(d);
    expect(s).toEqual({
      id: 'synthetic',
      name: 'Synthetic shapes (seed 2)',
      trainSize: 30,
      validationSize: 10,
      classNames: d.classNames,
      classCounts: new Array(10).fill(3),
      hash: d.hash,
    });
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
});

describe('toFloatImagesNHWC', () => {
  it('interleaves the planar channels and scales to [0, 1]', () => {
    const set = fakeImageSet(3);
    const out = toFloatImagesNHWC(set);
    expect(out.length).toBe(3 * 3072);
    for (const [img, y, x, ch] of [[0, 0, 0, 0], [1, 5, 7, 1], [2, 31, 31, 2], [2, 0, 31, 0]]) {
      const planar = set.pixels[img * 3072 + ch * 1024 + y * 32 + x];
      expect(out[img * 3072 + (y * 32 + x) * 3 + ch]).toBeCloseTo(planar / 255, 7);
    }
    expect(Math.min(...out)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...out)).toBeLessThanOrEqual(1);
  });

  it('picks images by index into a reusable buffer', () => {
    const set = fakeImageSet(4);
    const all = toFloatImagesNHWC(set);
    const buf = new Float32Array(3 * 3072);
    const picked = toFloatImagesNHWC(set, [3, 0], buf);
    expect(picked).toBe(buf);
    expect(Array.from(picked.subarray(0, 3072))).toEqual(Array.from(all.subarray(3 * 3072)));
    expect(Array.from(picked.subarray(3072, 2 * 3072))).toEqual(Array.from(all.subarray(0, 3072)));
    expect(() => toFloatImagesNHWC(set, [4])).toThrow(RangeError);
  });
});
