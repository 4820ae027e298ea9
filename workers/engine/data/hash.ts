/**
 * Content hash of a dataset, the key every cache (trained models, datamodels, results)
 * hangs off. It must be the same bytes in Node and in every browser, and cheap on the
 * ~18 MB of a CIFAR-sized pool, so it uses the platform's SHA-256 (crypto.subtle, in
 * Node ≥ 20 and in workers) rather than a JS implementation.
 *
 * crypto.subtle has no streaming API, and concatenating 18 MB just to hash it wastes a
 * copy, so the hash is a two-level tree: SHA-256 of each part, then SHA-256 of a small
 * header plus those digests. The layout is versioned; change HASH_VERSION if it changes.
 */
import { PIXELS_PER_IMAGE, type ImageSet } from './types.ts';

const HASH_VERSION = 'unlearning-lab/dataset-hash/v1';

/** What the hash covers: nothing else (not the id, name, or generator variants). */
export interface HashedContent {
  classNames: readonly string[];
  train: ImageSet;
  validation: ImageSet;
}

function subtle(): SubtleCrypto {
  const c = (globalThis as { crypto?: Crypto }).crypto;
  if (!c?.subtle) throw new Error('crypto.subtle is not available (needs Node ≥ 20 or a secure browser context)');
  return c.subtle;
}

async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle().digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
}

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += bytes[i].toString(16).padStart(2, '0');
  return s;
}

/** Hex SHA-256 over class names, labels and pixels of train and validation. */
export async function hashDataset(content: HashedContent): Promise<string> {
  const header = new TextEncoder().encode(
    JSON.stringify({
      v: HASH_VERSION,
      classNames: content.classNames,
      train: content.train.count,
      validation: content.validation.count,
    }),
  );
  const parts = [
    header,
    content.train.labels.subarray(0, content.train.count),
    content.train.pixels.subarray(0, content.train.count * PIXELS_PER_IMAGE),
    content.validation.labels.subarray(0, content.validation.count),
    content.validation.pixels.subarray(0, content.validation.count * PIXELS_PER_IMAGE),
  ];
  const digests = await Promise.all(parts.map(sha256));
  const joined = new Uint8Array(digests.length * 32);
  digests.forEach((d, i) => joined.set(d, i * 32));
  return toHex(await sha256(joined));
}

/** Hex SHA-256 of raw bytes (manifests record one per prepared file). */
export async function hashBytes(bytes: Uint8Array): Promise<string> {
  return toHex(await sha256(bytes));
}
