/**
 * Finds the CIFAR-10 folders that `npm run data:cifar10` prepared under
 * public/datasets/. No index (the usual case in a fresh checkout) means none: the
 * picker then offers the embedded synthetic set and file loading only.
 */
import { datasetIndexSchema, describeIssues, type DatasetIndexEntry } from '../../workers/engine/data/prepared-manifest';
import { pushMessage } from './store';

export const INDEX_URL = `${import.meta.env.BASE_URL}datasets/index.json`;

/** Absolute folder URL of a prepared dataset (its entry's path is relative to index.json). */
export function preparedBaseUrl(entry: DatasetIndexEntry): string {
  return new URL(entry.path, new URL(INDEX_URL, window.location.href)).href;
}

export async function loadPreparedList(): Promise<DatasetIndexEntry[]> {
  let body: unknown;
  try {
    const res = await fetch(INDEX_URL, { headers: { accept: 'application/json' } });
    // A static server's SPA fallback may answer with index.html: only JSON counts.
    if (!res.ok || !(res.headers.get('content-type') ?? '').includes('json')) return [];
    body = await res.json();
  } catch {
    return [];
  }
  const parsed = datasetIndexSchema.safeParse(body);
  if (!parsed.success) {
    pushMessage({
      topic: 'setup',
      tone: 'warning',
      title: 'Prepared datasets ignored',
      text: `datasets/index.json is not a valid dataset index (${describeIssues(parsed.error)}). Run npm run data:cifar10 again.`,
    });
    return [];
  }
  return parsed.data.datasets;
}
