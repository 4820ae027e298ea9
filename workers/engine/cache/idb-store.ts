import { createStore, del, get, set } from 'idb-keyval';
import type { BlobStore } from './blob-store';

/** IndexedDB-backed cache for the page's worker (idb-keyval: tiny, promise-based, well kept). */
export function indexedDbStore(dbName = 'unlearning-lab', storeName = 'artifacts'): BlobStore {
  const store = createStore(dbName, storeName);
  return {
    get: async (key) => {
      const v = await get<Uint8Array>(key, store);
      return v instanceof Uint8Array ? v : undefined;
    },
    set: (key, value) => set(key, value, store),
    delete: (key) => del(key, store),
  };
}
