/**
 * Prepare real CIFAR-10 for the page:
 *
 *   npm run data:cifar10 -- --from PATH [--id cifar10] [--name "CIFAR-10"] [--out public/datasets]
 *
 * PATH is a folder of data_batch_*.bin / test_batch.bin / batches.meta.txt, or the
 * official cifar-10-binary.tar.gz. The files are validated (record sizes, labels,
 * class names), then copied into the git-ignored public/datasets/<id>/ with a
 * manifest.json (files, record counts, content hash), and public/datasets/index.json
 * is updated so the page offers the dataset. CIFAR-10 is not ours to redistribute:
 * nothing written here may be committed.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { collectCifarFiles } from '../workers/engine/data/cifar-archive.ts';
import { readCifarFiles } from '../workers/engine/data/cifar-files.node.ts';
import { CIFAR_RECORD_BYTES } from '../workers/engine/data/cifar-binary.ts';
import { isDatasetError } from '../workers/engine/data/errors.ts';
import { hashBytes, hashDataset } from '../workers/engine/data/hash.ts';
import {
  INDEX_FORMAT, MANIFEST_FORMAT, datasetIndexSchema,
  type DatasetIndex, type PreparedFile, type PreparedManifest,
} from '../workers/engine/data/prepared-manifest.ts';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const BATCH_FILE = /^(data_batch_[1-5]\.bin|test_batch\.bin|batches\.meta\.txt)$/;

function usage(message: string): never {
  console.error(`${message}\nusage: npm run data:cifar10 -- --from PATH [--id cifar10] [--name NAME] [--out public/datasets]`);
  process.exit(2);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      from: { type: 'string' },
      id: { type: 'string', default: 'cifar10' },
      name: { type: 'string' },
      out: { type: 'string', default: join(REPO_ROOT, 'public', 'datasets') },
    },
  });
  if (!values.from) usage('missing --from PATH');
  const id = values.id!;
  if (!ID.test(id)) usage(`--id must be lower-case letters, digits and dashes, got "${id}"`);
  const outRoot = resolve(values.out!);
  const dir = join(outRoot, id);

  const parts = collectCifarFiles(readCifarFiles(values.from));
  const full = parts.train.count === 50000 && parts.validation.count === 10000;
  const name = values.name ?? (full ? 'CIFAR-10' : `CIFAR-10 (${parts.train.count} train / ${parts.validation.count} validation)`);

  const files: PreparedFile[] = [];
  for (const f of parts.files) {
    const role = f.name === 'batches.meta.txt' ? 'meta' : f.name === 'test_batch.bin' ? 'validation' : 'train';
    const records = role === 'meta' ? 0 : f.bytes.length / CIFAR_RECORD_BYTES;
    files.push({ name: f.name, role, records, bytes: f.bytes.length, sha256: await hashBytes(f.bytes) });
  }
  const manifest: PreparedManifest = {
    format: MANIFEST_FORMAT,
    version: 1,
    id,
    name,
    kind: 'cifar10',
    classNames: parts.classNames,
    trainSize: parts.train.count,
    validationSize: parts.validation.count,
    files,
    hash: await hashDataset(parts),
  };

  mkdirSync(dir, { recursive: true });
  // Drop batch files from an earlier, larger preparation so the folder matches the manifest.
  for (const old of readdirSync(dir)) {
    if (BATCH_FILE.test(old) && !files.some((f) => f.name === old)) rmSync(join(dir, old));
  }
  for (const f of parts.files) writeFileSync(join(dir, f.name), f.bytes);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');

  const indexPath = join(outRoot, 'index.json');
  const index = readIndex(indexPath);
  const entry = { id, name, path: `${id}/`, trainSize: manifest.trainSize, validationSize: manifest.validationSize, hash: manifest.hash };
  index.datasets = [...index.datasets.filter((d) => d.id !== id), entry].sort((a, b) => a.id.localeCompare(b.id));
  writeFileSync(indexPath, JSON.stringify(index, null, 2) + '\n');

  console.log(`${name}: ${manifest.trainSize} train + ${manifest.validationSize} validation images, classes ${manifest.classNames.join(', ')}`);
  console.log(`wrote ${dir}/ (${files.map((f) => f.name).join(', ')}, manifest.json)`);
  console.log(`hash ${manifest.hash}`);
  console.log(`listed in ${indexPath} (${index.datasets.length} dataset${index.datasets.length === 1 ? '' : 's'})`);
}

/** The existing index, or an empty one if there is none or it is unreadable. */
function readIndex(path: string): DatasetIndex {
  const empty: DatasetIndex = { format: INDEX_FORMAT, version: 1, datasets: [] };
  if (!existsSync(path)) return empty;
  try {
    const parsed = datasetIndexSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through: rewrite it
  }
  console.warn(`warning: ${path} was not a valid dataset index; starting a new one`);
  return empty;
}

main().catch((e: unknown) => {
  if (isDatasetError(e)) {
    console.error(`error: ${e.message}`);
    process.exit(1);
  }
  throw e;
});
