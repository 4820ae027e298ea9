/**
 * The official CIFAR-10 binary batch format: a flat run of records, each 1 label byte
 * followed by 3072 pixel bytes (1024 R, 1024 G, 1024 B, row-major 32×32). There is no
 * header, so the record count comes from the file size; we accept any count because
 * subsets (the dev copy has 1017 per file) are as valid as the 10000-record originals.
 */
import { DatasetError } from './errors.ts';
import { NUM_CLASSES, PIXELS_PER_IMAGE, type ImageSet } from './types.ts';
import { plural } from '../util/plural.ts';

export const CIFAR_RECORD_BYTES = 1 + PIXELS_PER_IMAGE; // 3073

/** Parse one batch file. `name` only labels error messages. */
export function parseCifarBatch(name: string, bytes: Uint8Array): ImageSet {
  if (bytes.length === 0) {
    throw new DatasetError('empty-file', name, 'file is empty (expected CIFAR-10 records of 3073 bytes)');
  }
  const count = Math.floor(bytes.length / CIFAR_RECORD_BYTES);
  const extra = bytes.length % CIFAR_RECORD_BYTES;
  if (extra !== 0) {
    throw new DatasetError(
      'truncated-record',
      name,
      `truncated record: ${plural(bytes.length, 'byte')} is ${plural(count, 'record')} and ${plural(extra, 'extra byte')} ` +
        `(a CIFAR-10 record is ${CIFAR_RECORD_BYTES} bytes)`,
    );
  }
  const labels = new Uint8Array(count);
  const pixels = new Uint8Array(count * PIXELS_PER_IMAGE);
  for (let i = 0; i < count; i++) {
    const at = i * CIFAR_RECORD_BYTES;
    const label = bytes[at];
    if (label >= NUM_CLASSES) {
      throw new DatasetError(
        'bad-label',
        name,
        `record ${i} has label ${label}; CIFAR-10 labels are 0–${NUM_CLASSES - 1}`,
      );
    }
    labels[i] = label;
    pixels.set(bytes.subarray(at + 1, at + CIFAR_RECORD_BYTES), i * PIXELS_PER_IMAGE);
  }
  return { pixels, labels, count };
}

/** The inverse of parseCifarBatch: lets tests and tools write files in the official format. */
export function encodeCifarBatch(set: ImageSet): Uint8Array {
  const out = new Uint8Array(set.count * CIFAR_RECORD_BYTES);
  for (let i = 0; i < set.count; i++) {
    const at = i * CIFAR_RECORD_BYTES;
    out[at] = set.labels[i];
    out.set(set.pixels.subarray(i * PIXELS_PER_IMAGE, (i + 1) * PIXELS_PER_IMAGE), at + 1);
  }
  return out;
}
