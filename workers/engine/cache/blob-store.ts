/**
 * Where trained ensembles and attribution results are cached, by a hash of what produced
 * them: a folder in Node (./node-store.node.ts), IndexedDB in the page (./idb-store.ts).
 * A cache is only an optimisation: a failed write (e.g. a full storage quota) is
 * reported through `onWarning` and the run goes on.
 */
export interface BlobStore {
  get(key: string): Promise<Uint8Array | undefined>;
  set(key: string, value: Uint8Array): Promise<void>;
  delete(key: string): Promise<void>;
}

/** A store that forgets everything (tests, or when the user turns caching off). */
export const noCache: BlobStore = {
  get: async () => undefined,
  set: async () => {},
  delete: async () => {},
};

/** An in-memory store (tests). */
export function memoryStore(): BlobStore & { entries: Map<string, Uint8Array> } {
  const entries = new Map<string, Uint8Array>();
  return {
    entries,
    get: async (k) => entries.get(k),
    set: async (k, v) => void entries.set(k, v),
    delete: async (k) => void entries.delete(k),
  };
}
