/**
 * The worker's one cache: IndexedDB where the platform has it (ensembles, datamodels),
 * nothing elsewhere (Node tests of the worker code).
 */
import type { BlobStore } from '../engine/cache/blob-store';
import { indexedDbStore } from '../engine/cache/idb-store';

let store: BlobStore | undefined;

export function cacheStore(): BlobStore | undefined {
  if (typeof indexedDB === 'undefined') return undefined;
  store ??= indexedDbStore();
  return store;
}
