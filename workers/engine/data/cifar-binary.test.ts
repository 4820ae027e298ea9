import { describe, expect, it } from 'vitest';
import { CIFAR_RECORD_BYTES, encodeCifarBatch, parseCifarBatch } from './cifar-binary.ts';
import { DatasetError } from './errors.ts';
import { fakeImageSet, sameBytes } from './test-fixtures.ts';
import { PIXELS_PER_IMAGE } from './types.ts';

function expectDatasetError(fn: () => unknown, code: string, message: string): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DatasetError);
    expect((e as DatasetError).code).toBe(code);
    expect((e as DatasetError).message).toBe(message);
    return;
  }
  throw new Error('expected a DatasetError');
}

describe('parseCifarBatch', () => {
  it('reads labels and planar pixels of any number of records', () => {
    for (const count of [1, 3, 1017]) {
      const set = fakeImageSet(count, 4);
      const parsed = parseCifarBatch('x.bin', encodeCifarBatch(set));
      expect(parsed.count).toBe(count);
      expect(sameBytes(parsed.labels, set.labels)).toBe(true);
      expect(sameBytes(parsed.pixels, set.pixels)).toBe(true);
    }
  });

  it('keeps a record boundary exactly: label byte, then 1024 R, 1024 G, 1024 B', () => {
    const bytes = new Uint8Array(2 * CIFAR_RECORD_BYTES);
    bytes[0] = 3;
    bytes[1] = 200; // image 0, R(0,0)
    bytes[1 + 1024] = 201; // image 0, G(0,0)
    bytes[CIFAR_RECORD_BYTES] = 9;
    bytes[CIFAR_RECORD_BYTES + 3072] = 202; // image 1, B(31,31)
    const set = parseCifarBatch('x.bin', bytes);
    expect(Array.from(set.labels)).toEqual([3, 9]);
    expect(set.pixels[0]).toBe(200);
    expect(set.pixels[1024]).toBe(201);
    expect(set.pixels[2 * PIXELS_PER_IMAGE - 1]).toBe(202);
  });

  it('rejects an empty file, naming it', () => {
    expectDatasetError(
      () => parseCifarBatch('data_batch_2.bin', new Uint8Array(0)),
      'empty-file',
      'data_batch_2.bin: file is empty (expected CIFAR-10 records of 3073 bytes)',
    );
  });

  it('rejects a truncated record with the record arithmetic', () => {
    expectDatasetError(
      () => parseCifarBatch('data_batch_1.bin', new Uint8Array(12345)),
      'truncated-record',
      'data_batch_1.bin: truncated record: 12,345 bytes is 4 records and 53 extra bytes (a CIFAR-10 record is 3073 bytes)',
    );
  });

  it('rejects a label byte above 9, naming the record', () => {
    const bytes = encodeCifarBatch(fakeImageSet(20));
    bytes[17 * CIFAR_RECORD_BYTES] = 12;
    expectDatasetError(() => parseCifarBatch('test_batch.bin', bytes), 'bad-label', 'test_batch.bin: record 17 has label 12; CIFAR-10 labels are 0–9');
  });
});
