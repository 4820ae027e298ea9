import { describe, expect, it } from 'vitest';
import { collectCifarFiles } from './cifar-archive.ts';
import { DatasetError } from './errors.ts';
import { hashBytes, hashDataset } from './hash.ts';
import { INDEX_FORMAT, MANIFEST_FORMAT, type PreparedManifest } from './prepared-manifest.ts';
import { loadPreparedDataset, loadPreparedIndex, type FetchLike } from './prepared.ts';
import { fakeCifarFiles } from './test-fixtures.ts';

/** A prepared folder served from memory, like public/datasets/mini/. */
async function servedFolder(): Promise<{ files: Map<string, Uint8Array>; manifest: PreparedManifest }> {
  const parts = collectCifarFiles(fakeCifarFiles(2, 5, 3));
  const manifest: PreparedManifest = {
    format: MANIFEST_FORMAT,
    version: 1,
    id: 'mini',
    name: 'Mini CIFAR',
    kind: 'cifar10',
    classNames: parts.classNames,
    trainSize: 10,
    validationSize: 3,
    files: await Promise.all(
      parts.files.map(async (f) => ({
        name: f.name,
        role: f.name === 'batches.meta.txt' ? ('meta' as const) : f.name === 'test_batch.bin' ? ('validation' as const) : ('train' as const),
        records: f.name.endsWith('.bin') ? f.bytes.length / 3073 : 0,
        bytes: f.bytes.length,
        sha256: await hashBytes(f.bytes),
      })),
    ),
    hash: await hashDataset(parts),
  };
  const files = new Map(parts.files.map((f) => [`/datasets/mini/${f.name}`, f.bytes]));
  return { files, manifest };
}

function fetchFrom(files: Map<string, Uint8Array>, manifest: unknown): FetchLike {
  return async (url) => {
    const body = url === '/datasets/mini/manifest.json' ? new TextEncoder().encode(JSON.stringify(manifest)) : files.get(url);
    return body ? new Response(body as Uint8Array<ArrayBuffer>) : new Response('not found', { status: 404, statusText: 'Not Found' });
  };
}

async function rejection(p: Promise<unknown>): Promise<DatasetError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DatasetError) return e;
    throw e;
  }
  throw new Error('expected a DatasetError');
}

describe('loadPreparedDataset', () => {
  it('fetches the manifest and files and returns the dataset', async () => {
    const { files, manifest } = await servedFolder();
    const d = await loadPreparedDataset('/datasets/mini/', fetchFrom(files, manifest));
    expect(d.id).toBe('mini');
    expect(d.name).toBe('Mini CIFAR');
    expect(d.train.count).toBe(10);
    expect(d.validation.count).toBe(3);
    expect(d.hash).toBe(manifest.hash);
    // No trailing slash works too.
    expect((await loadPreparedDataset('/datasets/mini', fetchFrom(files, manifest))).hash).toBe(manifest.hash);
  });

  it('rejects a manifest that fails the schema, saying where', async () => {
    const { files, manifest } = await servedFolder();
    const e = await rejection(loadPreparedDataset('/datasets/mini/', fetchFrom(files, { ...manifest, trainSize: 'ten' })));
    expect(e.code).toBe('bad-manifest');
    expect(e.message).toMatch(/^\/datasets\/mini\/manifest\.json: invalid manifest: trainSize: /);
  });

  it('rejects file names outside the official set (no path tricks)', async () => {
    const { files, manifest } = await servedFolder();
    const evil = { ...manifest, files: [{ ...manifest.files[0], name: '../../secret.bin' }, ...manifest.files.slice(1)] };
    const e = await rejection(loadPreparedDataset('/datasets/mini/', fetchFrom(files, evil)));
    expect(e.message).toMatch(/files\.0\.name: must be data_batch_N\.bin/);
  });

  it('rejects JSON that is not JSON, and a missing manifest', async () => {
    const notJson: FetchLike = async () => new Response('<html>');
    expect((await rejection(loadPreparedDataset('/x/', notJson))).message).toBe('/x/manifest.json: not valid JSON');
    const { files } = await servedFolder();
    const missing = await rejection(loadPreparedDataset('/datasets/other/', fetchFrom(files, {})));
    expect(missing.code).toBe('fetch-failed');
    expect(missing.message).toBe('/datasets/other/manifest.json: HTTP 404 Not Found');
  });

  it('names a batch file whose size differs from the manifest', async () => {
    const { files, manifest } = await servedFolder();
    files.set('/datasets/mini/data_batch_3.bin', files.get('/datasets/mini/data_batch_3.bin')!.subarray(0, 3073));
    const e = await rejection(loadPreparedDataset('/datasets/mini/', fetchFrom(files, manifest)));
    expect(e.message).toMatch(/^data_batch_3\.bin: is 3073 bytes but the manifest says 6146/);
  });

  it('detects changed content through the hash', async () => {
    const { files, manifest } = await servedFolder();
    const bytes = files.get('/datasets/mini/test_batch.bin')!.slice();
    bytes[100] ^= 1;
    files.set('/datasets/mini/test_batch.bin', bytes);
    const e = await rejection(loadPreparedDataset('/datasets/mini/', fetchFrom(files, manifest)));
    expect(e.code).toBe('hash-mismatch');
  });
});

describe('loadPreparedIndex', () => {
  it('validates the list of prepared datasets', async () => {
    const index = { format: INDEX_FORMAT, version: 1, datasets: [{ id: 'mini', name: 'Mini', path: 'mini/', trainSize: 10, validationSize: 3, hash: 'a'.repeat(64) }] };
    const ok = await loadPreparedIndex('/datasets/index.json', async () => new Response(JSON.stringify(index)));
    expect(ok.datasets[0].id).toBe('mini');
    const bad = { ...index, datasets: [{ ...index.datasets[0], path: '../etc/' }] };
    const e = await rejection(loadPreparedIndex('/datasets/index.json', async () => new Response(JSON.stringify(bad))));
    expect(e.message).toMatch(/^\/datasets\/index\.json: invalid dataset index: datasets\.0\.path/);
  });
});
