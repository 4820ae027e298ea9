/**
 * Loading a prepared dataset over HTTP (the page, from public/datasets/), or from any
 * fetch-like function (tests). Browser-safe: fetch + bytes only. Everything fetched is
 * validated: the manifest by schema, each file by size and the whole by content hash,
 * so a stale or tampered folder gives a clear DatasetError instead of wrong results.
 */
import type { NamedFile } from './cifar-archive.ts';
import { datasetFromCifarFiles } from './dataset.ts';
import { DatasetError } from './errors.ts';
import {
  datasetIndexSchema, describeIssues, preparedManifestSchema,
  type DatasetIndex, type PreparedManifest,
} from './prepared-manifest.ts';
import type { Dataset } from './types.ts';

/** The part of fetch the loader uses; `fetch` itself fits. */
export type FetchLike = (url: string) => Promise<{
  ok: boolean;
  status: number;
  statusText: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}>;

function join(base: string, name: string): string {
  return base.endsWith('/') ? base + name : `${base}/${name}`;
}

async function fetchBytes(url: string, fetchFn: FetchLike): Promise<Uint8Array> {
  let res;
  try {
    res = await fetchFn(url);
  } catch (e) {
    throw new DatasetError('fetch-failed', url, `could not fetch (${(e as Error).message})`);
  }
  if (!res.ok) throw new DatasetError('fetch-failed', url, `HTTP ${res.status} ${res.statusText}`.trim());
  return new Uint8Array(await res.arrayBuffer());
}

async function fetchJson(url: string, fetchFn: FetchLike, code: 'bad-manifest'): Promise<unknown> {
  const bytes = await fetchBytes(url, fetchFn);
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new DatasetError(code, url, 'not valid JSON');
  }
}

/** Fetch and validate a dataset folder's manifest.json. */
export async function loadPreparedManifest(baseUrl: string, fetchFn: FetchLike): Promise<PreparedManifest> {
  const url = join(baseUrl, 'manifest.json');
  const parsed = preparedManifestSchema.safeParse(await fetchJson(url, fetchFn, 'bad-manifest'));
  if (!parsed.success) throw new DatasetError('bad-manifest', url, `invalid manifest: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

/** Fetch and validate datasets/index.json (the list the page offers). */
export async function loadPreparedIndex(indexUrl: string, fetchFn: FetchLike): Promise<DatasetIndex> {
  const parsed = datasetIndexSchema.safeParse(await fetchJson(indexUrl, fetchFn, 'bad-manifest'));
  if (!parsed.success) throw new DatasetError('bad-manifest', indexUrl, `invalid dataset index: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

/**
 * Fetch a prepared dataset folder (manifest + batch files) and decode it. `baseUrl` is
 * the folder, e.g. "/datasets/cifar10/".
 */
export async function loadPreparedDataset(baseUrl: string, fetchFn: FetchLike): Promise<Dataset> {
  const manifest = await loadPreparedManifest(baseUrl, fetchFn);
  const files: NamedFile[] = await Promise.all(
    manifest.files.map(async (f) => {
      const bytes = await fetchBytes(join(baseUrl, f.name), fetchFn);
      if (bytes.length !== f.bytes) {
        throw new DatasetError('bad-manifest', f.name, `is ${bytes.length} bytes but the manifest says ${f.bytes}; run npm run data:cifar10 again`);
      }
      return { name: f.name, bytes };
    }),
  );
  const dataset = await datasetFromCifarFiles(files, { id: manifest.id, name: manifest.name, origin: baseUrl });
  if (dataset.train.count !== manifest.trainSize || dataset.validation.count !== manifest.validationSize) {
    throw new DatasetError(
      'bad-manifest',
      join(baseUrl, 'manifest.json'),
      `files hold ${dataset.train.count}/${dataset.validation.count} train/validation images, manifest says ${manifest.trainSize}/${manifest.validationSize}`,
    );
  }
  if (dataset.hash !== manifest.hash) {
    throw new DatasetError('hash-mismatch', join(baseUrl, 'manifest.json'), 'content hash differs from the manifest; the files changed since they were prepared');
  }
  return dataset;
}
