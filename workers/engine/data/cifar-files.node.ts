/**
 * Node-only loading (the command-line twin, tests, scripts): read CIFAR-10 from a
 * folder or an archive on disk, and turn a `--dataset` argument into a Dataset.
 * Everything else in the data layer is byte-in/byte-out and browser-safe; this file
 * is the one place that touches the file system.
 */
/// <reference types="node" />
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NamedFile } from './cifar-archive.ts';
import { datasetFromCifarFiles, makeSyntheticDataset } from './dataset.ts';
import { DatasetError } from './errors.ts';
import type { SyntheticOptions } from './synthetic.ts';
import type { Dataset } from './types.ts';

/** `../shared/data/cifar10-subset` next to the repository (dev and CI copy of real data). */
export const SHARED_CIFAR_SUBSET = fileURLToPath(new URL('../../../../shared/data/cifar10-subset', import.meta.url));

export function hasSharedCifarSubset(): boolean {
  return existsSync(join(SHARED_CIFAR_SUBSET, 'data_batch_1.bin')) && existsSync(join(SHARED_CIFAR_SUBSET, 'test_batch.bin'));
}

const WANTED = /^(data_batch_[1-5]\.bin|test_batch\.bin|batches\.meta\.txt)$/;
const ARCHIVE = /\.(tar\.gz|tgz|tar)$/i;

/** Read the CIFAR-relevant files at `path`: a folder of batch files, or one archive. */
export function readCifarFiles(path: string): NamedFile[] {
  const abs = resolve(path);
  if (!existsSync(abs)) throw new DatasetError('missing-file', path, 'no such file or folder');
  if (statSync(abs).isFile()) return [{ name: basename(abs), bytes: readFileSync(abs) }];
  let names = readdirSync(abs).filter((n) => WANTED.test(n));
  if (names.length === 0) {
    // A folder holding the official archive, or the extracted cifar-10-batches-bin/.
    const inner = join(abs, 'cifar-10-batches-bin');
    if (existsSync(inner) && statSync(inner).isDirectory()) return readCifarFiles(inner);
    names = readdirSync(abs).filter((n) => ARCHIVE.test(n));
  }
  if (names.length === 0) {
    throw new DatasetError('missing-file', path, 'no CIFAR-10 files here (data_batch_N.bin, test_batch.bin, or cifar-10-binary.tar.gz)');
  }
  return names.sort().map((n) => ({ name: n, bytes: readFileSync(join(abs, n)) }));
}

/** A Dataset from CIFAR-10 files on disk (folder or archive). */
export async function loadCifarDirectory(path: string, opts: { id?: string; name?: string } = {}): Promise<Dataset> {
  const abs = resolve(path);
  const id = opts.id ?? (abs === resolve(SHARED_CIFAR_SUBSET) ? 'cifar10-subset' : 'cifar10');
  return datasetFromCifarFiles(readCifarFiles(abs), { ...opts, id, origin: abs });
}

/**
 * Resolve a dataset argument as used by the CLI and configs:
 * "synthetic", "synthetic:SEED", "cifar10:PATH" or "cifar10-subset" (the shared copy).
 */
export async function resolveDatasetArg(arg: string, synthetic: SyntheticOptions = {}): Promise<Dataset> {
  if (arg === 'synthetic') return makeSyntheticDataset(synthetic);
  const seeded = /^synthetic:(\d+)$/.exec(arg);
  if (seeded) return makeSyntheticDataset({ ...synthetic, seed: Number(seeded[1]) });
  if (arg === 'cifar10-subset') return loadCifarDirectory(SHARED_CIFAR_SUBSET);
  if (arg.startsWith('cifar10:') && arg.length > 'cifar10:'.length) return loadCifarDirectory(arg.slice('cifar10:'.length));
  throw new DatasetError(
    'bad-argument',
    arg,
    'unknown dataset; use "synthetic", "synthetic:SEED", "cifar10-subset" or "cifar10:PATH"',
  );
}
