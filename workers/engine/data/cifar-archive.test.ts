import { gzipSync } from 'fflate';
import { createTar } from 'nanotar';
import { describe, expect, it } from 'vitest';
import { CIFAR10_CLASS_NAMES, collectCifarFiles, unpackArchive, type NamedFile } from './cifar-archive.ts';
import { CIFAR_RECORD_BYTES } from './cifar-binary.ts';
import { DatasetError } from './errors.ts';
import { fakeCifarFiles, fakeImageSet, sameBytes } from './test-fixtures.ts';

/** The official archive layout: everything under cifar-10-batches-bin/, plus a readme. */
function tarOf(files: NamedFile[]): Uint8Array {
  return createTar([
    { name: 'cifar-10-batches-bin/' },
    ...files.map((f) => ({ name: `cifar-10-batches-bin/${f.name}`, data: f.bytes })),
    { name: 'cifar-10-batches-bin/readme.html', data: '<html></html>' },
  ]);
}

function catchError(fn: () => unknown): DatasetError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DatasetError) return e;
    throw e;
  }
  throw new Error('expected a DatasetError');
}

describe('collectCifarFiles', () => {
  it('joins data batches in order 1..5 whatever the input order, test batch is validation', () => {
    const files = fakeCifarFiles(3, 5, 2).reverse();
    const parts = collectCifarFiles(files);
    expect(parts.train.count).toBe(15);
    expect(parts.validation.count).toBe(2);
    // fakeImageSet(3, b) starts batch b at label b: 1 2 3 | 2 3 4 | ...
    expect(Array.from(parts.train.labels)).toEqual([1, 2, 3, 2, 3, 4, 3, 4, 5, 4, 5, 6, 5, 6, 7]);
    expect(sameBytes(parts.train.pixels.subarray(3072 * 3, 3072 * 6), fakeImageSet(3, 2, 22).pixels)).toBe(true);
    expect(parts.classNames).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9']);
    expect(parts.files.map((f) => f.name)).toEqual([
      'data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin',
      'test_batch.bin', 'batches.meta.txt',
    ]);
  });

  it('accepts a subset of batches and falls back to the standard class names', () => {
    const files = fakeCifarFiles(4, 2, 3, false);
    const parts = collectCifarFiles(files);
    expect(parts.train.count).toBe(8);
    expect(parts.classNames).toEqual([...CIFAR10_CLASS_NAMES]);
  });

  it('reads the official .tar.gz layout and a plain .tar the same as loose files', () => {
    const files = fakeCifarFiles(2, 5, 3);
    const loose = collectCifarFiles(files);
    const tar = tarOf(files);
    for (const archive of [
      { name: 'cifar-10-binary.tar.gz', bytes: gzipSync(tar) },
      { name: 'cifar-10-binary.tar', bytes: tar },
      { name: 'download', bytes: gzipSync(tar) }, // recognised by content, not name
    ]) {
      const parts = collectCifarFiles([archive]);
      expect(parts.train.count).toBe(10);
      expect(parts.validation.count).toBe(3);
      expect(sameBytes(parts.train.pixels, loose.train.pixels)).toBe(true);
      expect(sameBytes(parts.validation.labels, loose.validation.labels)).toBe(true);
      expect(parts.classNames).toEqual(loose.classNames);
    }
  });

  it('unpacks only regular files from an archive', () => {
    const names = unpackArchive({ name: 'x.tar', bytes: tarOf(fakeCifarFiles(1, 1, 1)) }).map((f) => f.name);
    expect(names).toEqual([
      'cifar-10-batches-bin/data_batch_1.bin', 'cifar-10-batches-bin/test_batch.bin',
      'cifar-10-batches-bin/batches.meta.txt', 'cifar-10-batches-bin/readme.html',
    ]);
  });

  it('says "not a tar or gzip archive" for other bytes with an archive name', () => {
    const e = catchError(() => collectCifarFiles([{ name: 'cifar-10-binary.tar.gz', bytes: new TextEncoder().encode('hello, this is not an archive'.repeat(40)) }]));
    expect(e.code).toBe('not-an-archive');
    expect(e.message).toMatch(/^cifar-10-binary\.tar\.gz: not a tar or gzip archive/);
  });

  it('says so when gzip data is corrupt or holds no tar', () => {
    const gz = gzipSync(tarOf(fakeCifarFiles(1, 1, 1)));
    const corrupt = catchError(() => unpackArchive({ name: 'c.tgz', bytes: gz.slice(0, 200) }));
    expect(corrupt.message).toMatch(/^c\.tgz: corrupt gzip data/);
    const notTar = catchError(() => unpackArchive({ name: 'n.tar.gz', bytes: gzipSync(new Uint8Array(4096).fill(7)) }));
    expect(notTar.message).toBe('n.tar.gz: the gzip data inside is not a tar archive');
  });

  it('requires test_batch.bin', () => {
    const files = fakeCifarFiles().filter((f) => f.name !== 'test_batch.bin');
    const e = catchError(() => collectCifarFiles(files));
    expect(e.code).toBe('missing-file');
    expect(e.message).toMatch(/^test_batch\.bin: missing; it is the validation set \(got: data_batch_1\.bin, /);
  });

  it('requires at least one data batch, also inside an archive', () => {
    const onlyTest = fakeCifarFiles().filter((f) => !f.name.startsWith('data_batch'));
    expect(catchError(() => collectCifarFiles(onlyTest)).message).toMatch(/^data_batch_\*\.bin: no CIFAR-10 training batch found/);
    const e = catchError(() => collectCifarFiles([{ name: 'c.tar', bytes: tarOf(onlyTest) }]));
    expect(e.code).toBe('missing-file');
    expect(catchError(() => collectCifarFiles([])).message).toBe('data_batch_*.bin: no CIFAR-10 training batch found (got: no files)');
  });

  it('names the bad file when a batch inside an archive is malformed', () => {
    const files = fakeCifarFiles(2, 2, 2);
    files[1] = { name: 'data_batch_2.bin', bytes: files[1].bytes.subarray(0, CIFAR_RECORD_BYTES + 5) };
    const e = catchError(() => collectCifarFiles([{ name: 'c.tar.gz', bytes: gzipSync(tarOf(files)) }]));
    expect(e.code).toBe('truncated-record');
    expect(e.message).toMatch(/^data_batch_2\.bin: truncated record: 3,078 bytes is 1 record and 5 extra bytes/);
  });

  it('rejects the same batch given twice and a meta file without 10 names', () => {
    const files = fakeCifarFiles(1, 2, 1);
    expect(catchError(() => collectCifarFiles([...files, { ...files[0], name: 'copy/data_batch_1.bin' }])).code).toBe('duplicate-file');
    const badMeta = files.map((f) => (f.name === 'batches.meta.txt' ? { ...f, bytes: new TextEncoder().encode('cat\ndog\n') } : f));
    expect(catchError(() => collectCifarFiles(badMeta)).message).toBe('batches.meta.txt: expected 10 class names, one per line; found 2');
  });

  it('ignores unrelated files next to the batches', () => {
    const files = [...fakeCifarFiles(1, 1, 1), { name: 'readme.html', bytes: new Uint8Array(10) }, { name: 'MD5SUMS', bytes: new Uint8Array(3) }];
    expect(collectCifarFiles(files).train.count).toBe(1);
  });
});
