/**
 * Turning whatever a user has into CIFAR-10 parts: the official
 * `cifar-10-binary.tar.gz`, a plain `.tar`, or loose `data_batch_N.bin` /
 * `test_batch.bin` / `batches.meta.txt` files dropped into the page. Pure and
 * synchronous over bytes, so it runs the same in a worker, in Node and in tests.
 */
import { gunzipSync } from 'fflate';
import { parseTar } from 'nanotar';
import { parseCifarBatch } from './cifar-binary.ts';
import { DatasetError } from './errors.ts';
import { concatImageSets } from './image-set.ts';
import { NUM_CLASSES, type ImageSet } from './types.ts';

/** A file as the page or the CLI hands it over: a name (path allowed) and its bytes. */
export interface NamedFile {
  name: string;
  bytes: Uint8Array;
}

/** What a CIFAR-10 file set amounts to before it gets an id and a hash. */
export interface CifarParts {
  train: ImageSet;
  validation: ImageSet;
  classNames: string[];
  /** The files used, renamed to their base names, in order: batches 1..5, test, meta. */
  files: NamedFile[];
}

/** Class names in label order, as in the official batches.meta.txt. */
export const CIFAR10_CLASS_NAMES: readonly string[] = [
  'airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck',
];

const DATA_BATCH = /^data_batch_([1-5])\.bin$/;
const TEST_BATCH = 'test_batch.bin';
const META = 'batches.meta.txt';

export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1];
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * A tar header block carries a checksum of itself (bytes 148..155, octal, computed with
 * that field as spaces). nanotar does not check it and happily "parses" random bytes,
 * so we do, to say "not a tar" instead of producing garbage entries.
 */
function hasTarHeader(bytes: Uint8Array): boolean {
  if (bytes.length < 512) return false;
  let stored = '';
  for (let i = 148; i < 156; i++) {
    const c = bytes[i];
    if (c === 0 || c === 0x20) {
      if (stored.length > 0) break;
      continue;
    }
    if (c < 0x30 || c > 0x37) return false;
    stored += String.fromCharCode(c);
  }
  if (stored.length === 0) return false;
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : bytes[i];
  return sum === parseInt(stored, 8);
}

/** True when the name says archive, or the bytes start like one. */
export function looksLikeArchive(file: NamedFile): boolean {
  return /\.(tar\.gz|tgz|tar|gz)$/i.test(file.name) || isGzip(file.bytes) || hasTarHeader(file.bytes);
}

/** Unpack a .tar.gz or .tar into its regular files (directories and links dropped). */
export function unpackArchive(file: NamedFile): NamedFile[] {
  let tar = file.bytes;
  if (isGzip(tar)) {
    try {
      tar = gunzipSync(tar);
    } catch (e) {
      throw new DatasetError('not-an-archive', file.name, `corrupt gzip data (${(e as Error).message})`);
    }
    if (!hasTarHeader(tar)) {
      throw new DatasetError('not-an-archive', file.name, 'the gzip data inside is not a tar archive');
    }
  } else if (!hasTarHeader(tar)) {
    throw new DatasetError(
      'not-an-archive',
      file.name,
      'not a tar or gzip archive (expected cifar-10-binary.tar.gz, a .tar, or the .bin batch files)',
    );
  }
  // nanotar reads `data.buffer` from offset 0, so hand it a buffer that starts at our bytes.
  const own = tar.byteOffset === 0 && tar.byteLength === tar.buffer.byteLength ? tar : tar.slice();
  let entries;
  try {
    entries = parseTar(own);
  } catch (e) {
    throw new DatasetError('not-an-archive', file.name, `damaged tar archive (${(e as Error).message})`);
  }
  return entries
    .filter((e) => (e.type === 'file' || e.type === 'contiguousFile' || e.type === undefined) && e.data)
    .map((e) => ({ name: e.name, bytes: e.data! }));
}

/** Class names from batches.meta.txt: one per line, blank lines ignored, exactly 10. */
export function parseBatchesMeta(name: string, bytes: Uint8Array): string[] {
  const names = new TextDecoder()
    .decode(bytes)
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (names.length !== NUM_CLASSES) {
    throw new DatasetError('bad-meta', name, `expected ${NUM_CLASSES} class names, one per line; found ${names.length}`);
  }
  return names;
}

/**
 * Build train/validation from any mix of loose CIFAR files and archives. Train is the
 * data batches in order 1..5 (any subset of them), validation is test_batch; other
 * files (readme.html, MD5SUMS, ...) are ignored.
 */
export function collectCifarFiles(files: readonly NamedFile[]): CifarParts {
  const expanded = files.flatMap((f) =>
    DATA_BATCH.test(baseName(f.name)) || baseName(f.name) === TEST_BATCH || baseName(f.name) === META
      ? [f]
      : looksLikeArchive(f)
        ? unpackArchive(f)
        : [],
  );
  const batches = new Map<number, NamedFile>();
  let test: NamedFile | undefined;
  let meta: NamedFile | undefined;
  for (const f of expanded) {
    const base = baseName(f.name);
    const m = DATA_BATCH.exec(base);
    const seen = m ? batches.get(Number(m[1])) : base === TEST_BATCH ? test : base === META ? meta : undefined;
    if (seen) throw new DatasetError('duplicate-file', base, `given twice (${seen.name} and ${f.name})`);
    if (m) batches.set(Number(m[1]), f);
    else if (base === TEST_BATCH) test = f;
    else if (base === META) meta = f;
  }
  const seenNames = files.map((f) => baseName(f.name)).join(', ') || 'no files';
  if (batches.size === 0) {
    throw new DatasetError('missing-file', 'data_batch_*.bin', `no CIFAR-10 training batch found (got: ${seenNames})`);
  }
  if (!test) {
    throw new DatasetError('missing-file', TEST_BATCH, `missing; it is the validation set (got: ${seenNames})`);
  }
  const ordered = [...batches.entries()].sort((a, b) => a[0] - b[0]).map(([, f]) => f);
  const train = concatImageSets(ordered.map((f) => parseCifarBatch(baseName(f.name), f.bytes)));
  const validation = parseCifarBatch(TEST_BATCH, test.bytes);
  const classNames = meta ? parseBatchesMeta(META, meta.bytes) : [...CIFAR10_CLASS_NAMES];
  const used = [...ordered, test, ...(meta ? [meta] : [])].map((f) => ({ name: baseName(f.name), bytes: f.bytes }));
  return { train, validation, classNames, files: used };
}
