import { describe, expect, it } from 'vitest';
import { hashBytes, hashDataset, type HashedContent } from './hash.ts';
import { fakeImageSet } from './test-fixtures.ts';

const NAMES = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];
const content = (): HashedContent => ({ classNames: [...NAMES], train: fakeImageSet(5, 0, 1), validation: fakeImageSet(3, 2, 5) });

describe('hashDataset', () => {
  it('uses real SHA-256 (known answer)', async () => {
    expect(await hashBytes(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('is stable: the same content always gives this exact hex', async () => {
    // Pinned: the layout is part of every cache key; change HASH_VERSION if it must change.
    expect(await hashDataset(content())).toBe('5a8ab1322a7c1ca799e7628b51343e2b02831a758874e52b1951f8956a07af46');
    expect(await hashDataset(content())).toBe(await hashDataset(content()));
  });

  it('changes when one pixel, one label or one class name changes', async () => {
    const base = await hashDataset(content());
    const pixel = content();
    pixel.train.pixels[1234] ^= 1;
    expect(await hashDataset(pixel)).not.toBe(base);
    const valPixel = content();
    valPixel.validation.pixels[3 * 3072 - 1] ^= 0x80;
    expect(await hashDataset(valPixel)).not.toBe(base);
    const label = content();
    label.validation.labels[2] = (label.validation.labels[2] + 1) % 10;
    expect(await hashDataset(label)).not.toBe(base);
    const names = { ...content(), classNames: [...NAMES.slice(0, 9), 'k'] };
    expect(await hashDataset(names)).not.toBe(base);
  });

  it('distinguishes where the train/validation split falls', async () => {
    // The same images and labels in the same order, the split one image later: train's last
    // image becomes validation's first. A hash of the concatenated bytes could not tell.
    const a = content();
    const cat = (x: Uint8Array, y: Uint8Array) => Uint8Array.from([...x, ...y]);
    const pixels = cat(a.train.pixels, a.validation.pixels);
    const labels = cat(a.train.labels, a.validation.labels);
    const split = (at: number): HashedContent => ({
      classNames: a.classNames,
      train: { pixels: pixels.subarray(0, at * 3072), labels: labels.subarray(0, at), count: at },
      validation: { pixels: pixels.subarray(at * 3072), labels: labels.subarray(at), count: 8 - at },
    });
    expect(await hashDataset(split(5))).toBe(await hashDataset(a));
    expect(await hashDataset(split(4))).not.toBe(await hashDataset(a));
  });

  it('hashes only the first `count` images of a view, not the rest of its buffer', async () => {
    const a = content();
    const big = fakeImageSet(6, 0, 1);
    const view = { pixels: big.pixels.subarray(0, 5 * 3072), labels: big.labels.subarray(0, 5), count: 5 };
    expect(await hashDataset({ ...a, train: view })).toBe(await hashDataset(a));
  });

  it('ignores generator variants (not content)', async () => {
    const a = content();
    const withVariants = { ...a, train: { ...a.train, variants: new Uint8Array(5).fill(3) } };
    expect(await hashDataset(withVariants)).toBe(await hashDataset(a));
  });
});
