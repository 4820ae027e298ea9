import { hashBytes } from '../data/hash';
import type { BlobStore } from './blob-store';

/**
 * A cached artifact: JSON header + float32 arrays, with a SHA-256 of the payload in the
 * header. Reading checks magic, version and checksum; anything off (truncated, corrupt,
 * from an older engine) counts as a miss, is deleted and gets rebuilt: never trusted.
 */
const MAGIC = 'ULAB';
/** Bump when anything that produces cached artifacts changes meaning. */
export const CACHE_FORMAT_VERSION = 1;

export interface Artifact<H> {
  header: H;
  arrays: Float32Array[];
}

export async function encodeArtifact<H>(a: Artifact<H>): Promise<Uint8Array> {
  const lengths = a.arrays.map((x) => x.length);
  const payloadBytes = lengths.reduce((s, l) => s + l * 4, 0);
  const payload = new Uint8Array(payloadBytes);
  let off = 0;
  for (const arr of a.arrays) {
    payload.set(new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength), off);
    off += arr.byteLength;
  }
  const head = new TextEncoder().encode(
    JSON.stringify({ v: CACHE_FORMAT_VERSION, lengths, checksum: await hashBytes(payload), header: a.header }),
  );
  // pad the header so the payload starts 4-byte aligned (Float32Array views need it)
  const pad = (4 - ((8 + head.length) % 4)) % 4;
  const out = new Uint8Array(8 + head.length + pad + payloadBytes);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(4, head.length + pad, true);
  out.set(head, 8);
  out.fill(0x20, 8 + head.length, 8 + head.length + pad);
  out.set(payload, 8 + head.length + pad);
  return out;
}

export async function decodeArtifact<H>(bytes: Uint8Array): Promise<Artifact<H> | null> {
  try {
    if (bytes.length < 8 || new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC) return null;
    const headLen = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
    const meta = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headLen))) as {
      v: number;
      lengths: number[];
      checksum: string;
      header: H;
    };
    if (meta.v !== CACHE_FORMAT_VERSION) return null;
    const payload = bytes.slice(8 + headLen); // copy: aligned, and detached from the store's buffer
    if (payload.length !== meta.lengths.reduce((s, l) => s + l * 4, 0)) return null;
    if ((await hashBytes(payload)) !== meta.checksum) return null;
    const arrays: Float32Array[] = [];
    let off = 0;
    for (const l of meta.lengths) {
      arrays.push(new Float32Array(payload.buffer, off, l));
      off += l * 4;
    }
    return { header: meta.header, arrays };
  } catch {
    return null;
  }
}

/** Reads an artifact; a corrupt or stale entry is deleted and reported as a miss. */
export async function loadArtifact<H>(store: BlobStore, key: string): Promise<Artifact<H> | null> {
  let bytes: Uint8Array | undefined;
  try {
    bytes = await store.get(key);
  } catch {
    return null;
  }
  if (!bytes) return null;
  const a = await decodeArtifact<H>(bytes);
  if (!a) await store.delete(key).catch(() => {});
  return a;
}

/** Writes an artifact; failures (quota, I/O) are returned as a message, never thrown. */
export async function saveArtifact<H>(store: BlobStore, key: string, a: Artifact<H>): Promise<string | null> {
  try {
    await store.set(key, await encodeArtifact(a));
    return null;
  } catch (e) {
    const name = (e as { name?: string })?.name;
    return name === 'QuotaExceededError'
      ? 'Browser storage is full: results were not cached (they are still shown).'
      : `Could not cache a result: ${(e as Error)?.message ?? String(e)}`;
  }
}

/** Stable cache key: SHA-256 of the canonical JSON of everything that produced the artifact. */
export async function cacheKey(kind: string, parts: unknown): Promise<string> {
  const json = JSON.stringify({ kind, v: CACHE_FORMAT_VERSION, parts }, (_k, v) => (v instanceof Int32Array ? Array.from(v) : v));
  return `${kind}-${(await hashBytes(new TextEncoder().encode(json))).slice(0, 40)}`;
}
