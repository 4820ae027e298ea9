import { beforeAll, describe, expect, it } from 'vitest';
import { hashDataset } from './hash.ts';
import { countClasses } from './image-set.ts';
import { SYNTHETIC_CLASS_NAMES, VARIANT_ODD_COLOURS, VARIANT_RARE, variantName } from './synthetic-classes.ts';
import { generateImageSet, generateSynthetic, type SyntheticContent } from './synthetic.ts';
import { sameBytes } from './test-fixtures.ts';
import { PIXELS_PER_IMAGE } from './types.ts';

describe('synthetic generator', () => {
  let d: SyntheticContent;
  beforeAll(() => {
    d = generateSynthetic(); // the default: seed 1, 5000 + 1000
  });

  it('has the default sizes and readable class names', () => {
    expect(d.train.count).toBe(5000);
    expect(d.validation.count).toBe(1000);
    expect(d.train.pixels.length).toBe(5000 * PIXELS_PER_IMAGE);
    expect(d.classNames).toEqual(['disc', 'ring', 'square', 'diamond', 'triangle', 'cross', 'stripes', 'checker', 'blob', 'crescent']);
    expect(variantName(1, 1)).toBe('ring / thick');
    expect(variantName(0, VARIANT_ODD_COLOURS)).toBe('disc / odd colours');
  });

  it('is byte-identical for the same seed, and differs for another seed', async () => {
    const again = generateSynthetic({ seed: 1, trainSize: 300, validationSize: 100 });
    const same = generateSynthetic({ seed: 1, trainSize: 300, validationSize: 100 });
    const other = generateSynthetic({ seed: 2, trainSize: 300, validationSize: 100 });
    expect(sameBytes(again.train.pixels, same.train.pixels)).toBe(true);
    expect(sameBytes(again.validation.pixels, same.validation.pixels)).toBe(true);
    expect(await hashDataset(again)).toBe(await hashDataset(same));
    expect(sameBytes(again.train.pixels, other.train.pixels)).toBe(false);
    expect(await hashDataset(again)).not.toBe(await hashDataset(other));
  });

  it('matches the pinned bytes (a generator change silently invalidates shared links)', async () => {
    // If you change the generator on purpose, update this hash and say so in the change log.
    const small = generateSynthetic({ seed: 7, trainSize: 50, validationSize: 20 });
    expect(await hashDataset(small)).toBe(PINNED_SEED7_HASH);
  });

  it('keeps train and validation different', () => {
    const a = d.train.pixels.subarray(0, PIXELS_PER_IMAGE);
    const b = d.validation.pixels.subarray(0, PIXELS_PER_IMAGE);
    expect(sameBytes(a, b)).toBe(false);
  });

  it('balances classes exactly when the size is a multiple of 10', () => {
    expect(countClasses(d.train, 10)).toEqual(new Array(10).fill(500));
    expect(countClasses(d.validation, 10)).toEqual(new Array(10).fill(100));
    expect(countClasses(generateImageSet(3, 'train', 23), 10).every((c) => c === 2 || c === 3)).toBe(true);
  });

  it('shuffles labels rather than cycling them', () => {
    const first = Array.from(d.train.labels.subarray(0, 20));
    expect(first).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('has about 5% rare and 5% odd-colour images in every class, and all three common sub-types', () => {
    for (let c = 0; c < 10; c++) {
      const counts = new Array(5).fill(0);
      for (let i = 0; i < d.train.count; i++) if (d.train.labels[i] === c) counts[d.train.variants![i]]++;
      expect(counts[VARIANT_RARE], `${SYNTHETIC_CLASS_NAMES[c]} rare`).toBeGreaterThan(10);
      expect(counts[VARIANT_RARE]).toBeLessThan(45);
      expect(counts[VARIANT_ODD_COLOURS], `${SYNTHETIC_CLASS_NAMES[c]} odd`).toBeGreaterThan(10);
      expect(counts[VARIANT_ODD_COLOURS]).toBeLessThan(45);
      for (let v = 0; v < 3; v++) expect(counts[v]).toBeGreaterThan(120);
    }
  });

  it('has non-degenerate pixel statistics', () => {
    const px = d.train.pixels;
    let sum = 0;
    let sq = 0;
    const hist = new Array(256).fill(0);
    for (let i = 0; i < px.length; i++) {
      sum += px[i];
      sq += px[i] * px[i];
      hist[px[i]]++;
    }
    const mean = sum / px.length;
    const std = Math.sqrt(sq / px.length - mean * mean);
    expect(mean).toBeGreaterThan(60);
    expect(mean).toBeLessThan(190);
    expect(std).toBeGreaterThan(40);
    // Every byte value is used, and no single value dominates (no flat blocks).
    expect(hist.every((n) => n > 0)).toBe(true);
    expect(Math.max(...hist) / px.length).toBeLessThan(0.05);
  });

  it('varies within each image, between images, and between class means', () => {
    const plane = 1024;
    const classMeans: number[][] = Array.from({ length: 10 }, () => new Array(3).fill(0));
    const perImageStd: number[] = [];
    for (let i = 0; i < 500; i++) {
      const img = d.train.pixels.subarray(i * PIXELS_PER_IMAGE, (i + 1) * PIXELS_PER_IMAGE);
      let s = 0;
      let s2 = 0;
      for (let p = 0; p < PIXELS_PER_IMAGE; p++) {
        s += img[p];
        s2 += img[p] * img[p];
      }
      perImageStd.push(Math.sqrt(s2 / PIXELS_PER_IMAGE - (s / PIXELS_PER_IMAGE) ** 2));
      for (let ch = 0; ch < 3; ch++) {
        let cs = 0;
        for (let p = 0; p < plane; p++) cs += img[ch * plane + p];
        classMeans[d.train.labels[i]][ch] += cs / plane / 50;
      }
    }
    perImageStd.sort((a, b) => a - b);
    expect(perImageStd[250]).toBeGreaterThan(20); // median image has real structure
    // No two of the first 500 images are identical.
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) seen.add(Buffer.from(d.train.pixels.subarray(i * PIXELS_PER_IMAGE, i * PIXELS_PER_IMAGE + 64)).toString('hex'));
    expect(seen.size).toBe(500);
    // Class colour tendencies exist but are not extreme: mean RGBs differ, within a band.
    const flat = classMeans.flat();
    expect(Math.max(...flat) - Math.min(...flat)).toBeGreaterThan(10);
    expect(Math.max(...flat) - Math.min(...flat)).toBeLessThan(120);
  });

  it('rejects impossible sizes', () => {
    expect(() => generateSynthetic({ trainSize: -1 })).toThrow(RangeError);
    expect(() => generateSynthetic({ validationSize: 1.5 })).toThrow(RangeError);
  });
});

const PINNED_SEED7_HASH = 'cc7e36e45602c6fab01bdbf327bac2bc778e7297177945ef7ebd2acd712abede';
