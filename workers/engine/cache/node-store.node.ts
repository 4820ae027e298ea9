import { mkdir, readFile, rm, writeFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { BlobStore } from './blob-store';

/** A folder of `<key>.bin` files (the CLI's cache; default `.cache/` in the repo). */
export function folderStore(dir: string): BlobStore {
  const path = (key: string) => join(dir, `${key.replace(/[^a-zA-Z0-9_-]/g, '_')}.bin`);
  return {
    async get(key) {
      try {
        return new Uint8Array(await readFile(path(key)));
      } catch {
        return undefined;
      }
    },
    async set(key, value) {
      await mkdir(dir, { recursive: true });
      const tmp = `${path(key)}.${process.pid}.tmp`;
      await writeFile(tmp, value);
      await rename(tmp, path(key)); // atomic: a crash never leaves half a file under the key
    },
    async delete(key) {
      await rm(path(key), { force: true });
    },
  };
}
