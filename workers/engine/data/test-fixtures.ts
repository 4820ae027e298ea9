/**
 * Small fake CIFAR-10 files for tests: records built in memory with known labels and
 * pixels, so loader tests need neither the real data nor the file system.
 */
import { encodeCifarBatch } from './cifar-binary.ts';
import type { NamedFile } from './cifar-archive.ts';
import { PIXELS_PER_IMAGE, type ImageSet } from './types.ts';

/** `count` images; image i has label (first + i) % 10 and pixel p = (i·7 + p + salt) % 256. */
export function fakeImageSet(count: number, first = 0, salt = 0): ImageSet {
  const labels = new Uint8Array(count);
  const pixels = new Uint8Array(count * PIXELS_PER_IMAGE);
  for (let i = 0; i < count; i++) {
    labels[i] = (first + i) % 10;
    for (let p = 0; p < PIXELS_PER_IMAGE; p++) pixels[i * PIXELS_PER_IMAGE + p] = (i * 7 + p + salt) % 256;
  }
  return { pixels, labels, count };
}

/** A full loose file set: data_batch_1..batches (each `perBatch` records), test batch, meta. */
export function fakeCifarFiles(perBatch = 3, batches = 5, testCount = 2, meta = true): NamedFile[] {
  const files: NamedFile[] = [];
  for (let b = 1; b <= batches; b++) {
    files.push({ name: `data_batch_${b}.bin`, bytes: encodeCifarBatch(fakeImageSet(perBatch, b, b * 11)) });
  }
  files.push({ name: 'test_batch.bin', bytes: encodeCifarBatch(fakeImageSet(testCount, 7, 99)) });
  if (meta) files.push({ name: 'batches.meta.txt', bytes: new TextEncoder().encode('a0\na1\na2\na3\na4\na5\na6\na7\na8\na9\n\n') });
  return files;
}

/** Byte equality without vitest's slow deep diff of large typed arrays. */
export function sameBytes(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
