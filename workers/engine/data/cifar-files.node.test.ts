import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'fflate';
import { createTar } from 'nanotar';
import { afterAll, describe, expect, it } from 'vitest';
import {
  SHARED_CIFAR_SUBSET, hasSharedCifarSubset, loadCifarDirectory, readCifarFiles, resolveDatasetArg,
} from './cifar-files.node.ts';
import { DatasetError } from './errors.ts';
import { fakeCifarFiles } from './test-fixtures.ts';

const SUBSET_MISSING = `real CIFAR-10 subset not found at ${SHARED_CIFAR_SUBSET} (only present in the dev/CI checkout)`;

describe.skipIf(!hasSharedCifarSubset())('the shared real CIFAR-10 subset', () => {
  it('loads 5085 train and 1017 validation records with the official labels and names', async () => {
    const d = await loadCifarDirectory(SHARED_CIFAR_SUBSET);
    expect(d.id).toBe('cifar10-subset');
    expect(d.train.count).toBe(5085);
    expect(d.validation.count).toBe(1017);
    expect(Array.from(d.train.labels.subarray(0, 10))).toEqual([6, 9, 9, 4, 1, 1, 2, 7, 8, 3]);
    expect(d.classNames).toEqual(['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck']);
    expect(d.source).toEqual({ kind: 'cifar10', origin: SHARED_CIFAR_SUBSET });
    // Batch 2 starts right after batch 1's 1017 records.
    expect(d.train.labels[1017]).toBe(readFileSync(join(SHARED_CIFAR_SUBSET, 'data_batch_2.bin'))[0]);
    expect(d.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is what resolveDatasetArg("cifar10-subset") and "cifar10:PATH" give', async () => {
    const a = await resolveDatasetArg('cifar10-subset');
    const b = await resolveDatasetArg(`cifar10:${SHARED_CIFAR_SUBSET}`);
    expect(a.hash).toBe(b.hash);
  });
});

it.skipIf(hasSharedCifarSubset())(`skips real-data checks: ${SUBSET_MISSING}`, () => {
  expect(hasSharedCifarSubset()).toBe(false);
});

describe('loading from disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cifar-files-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a folder of batch files, ignoring other files', async () => {
    const sub = mkdtempSync(join(dir, 'loose-'));
    for (const f of fakeCifarFiles(2, 5, 3)) writeFileSync(join(sub, f.name), f.bytes);
    writeFileSync(join(sub, 'notes.txt'), 'hello');
    const d = await loadCifarDirectory(sub);
    expect(d.id).toBe('cifar10');
    expect(d.train.count).toBe(10);
    expect(d.validation.count).toBe(3);
  });

  it('reads the official archive, given as the file or as the folder holding it', async () => {
    const sub = mkdtempSync(join(dir, 'archive-'));
    const tar = createTar(fakeCifarFiles(2, 5, 3).map((f) => ({ name: `cifar-10-batches-bin/${f.name}`, data: f.bytes })));
    const path = join(sub, 'cifar-10-binary.tar.gz');
    writeFileSync(path, gzipSync(tar));
    const byFile = await loadCifarDirectory(path);
    const byFolder = await resolveDatasetArg(`cifar10:${sub}`);
    expect(byFile.train.count).toBe(10);
    expect(byFolder.hash).toBe(byFile.hash);
  });

  it('says clearly when a folder has no CIFAR-10 files or does not exist', () => {
    const empty = mkdtempSync(join(dir, 'empty-'));
    expect(() => readCifarFiles(empty)).toThrow(/no CIFAR-10 files here/);
    expect(() => readCifarFiles(join(dir, 'nope'))).toThrow(DatasetError);
  });
});

describe('resolveDatasetArg', () => {
  it('makes the synthetic dataset, optionally with a seed', async () => {
    const a = await resolveDatasetArg('synthetic', { trainSize: 20, validationSize: 10 });
    const b = await resolveDatasetArg('synthetic:9', { trainSize: 20, validationSize: 10 });
    expect(a.source).toEqual({ kind: 'synthetic', seed: 1, trainSize: 20, validationSize: 10 });
    expect(b.source).toEqual({ kind: 'synthetic', seed: 9, trainSize: 20, validationSize: 10 });
  });

  it('rejects anything else with the accepted forms', async () => {
    await expect(resolveDatasetArg('mnist')).rejects.toThrow('mnist: unknown dataset; use "synthetic", "synthetic:SEED", "cifar10-subset" or "cifar10:PATH"');
    await expect(resolveDatasetArg('cifar10:')).rejects.toBeInstanceOf(DatasetError);
  });
});
