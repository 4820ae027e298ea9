import { describe, expect, it } from 'vitest';
import { floatToHalf, halfToFloat, NpyError, parseNpy, writeNpy } from './npy';

/** A hand-built .npy: version, header dict and raw data bytes, as numpy would write them. */
function craft(major: number, dict: string, data: Uint8Array): Uint8Array {
  const prefix = major === 1 ? 10 : 12;
  let header = dict;
  header += ' '.repeat((64 - ((prefix + header.length + 1) % 64)) % 64) + '\n';
  const headerBytes = new TextEncoder().encode(header);
  const out = new Uint8Array(prefix + headerBytes.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, major, 0]);
  const view = new DataView(out.buffer);
  if (major === 1) view.setUint16(8, headerBytes.length, true);
  else view.setUint32(8, headerBytes.length, true);
  out.set(headerBytes, prefix);
  out.set(data, prefix + headerBytes.length);
  return out;
}

const f32 = (values: number[]) => new Uint8Array(Float32Array.from(values).buffer);

describe('writeNpy / parseNpy', () => {
  it('round-trips float32 exactly, with numpy’s 64-byte data alignment', () => {
    const values = Float32Array.from({ length: 24 }, (_, i) => Math.sin(i) * 1e3 - 0.5);
    const bytes = writeNpy(values, [2, 3, 4], 'float32');
    const headerLen = new DataView(bytes.buffer).getUint16(8, true);
    expect((10 + headerLen) % 64).toBe(0);
    expect(new TextDecoder().decode(bytes.subarray(10, 10 + headerLen))).toContain("'shape': (2, 3, 4)");
    const back = parseNpy(bytes, 'x.npy');
    expect(back.shape).toEqual([2, 3, 4]);
    expect(back.dtype).toBe('float32');
    expect(Array.from(back.data)).toEqual(Array.from(values));
  });

  it('round-trips float16 within half precision, including specials', () => {
    const values = [0, -0, 1, -2.5, 65504, 1e-7, 6.1e-5, 0.1, 3.14159, Infinity, -Infinity, 1e6];
    const back = parseNpy(writeNpy(values, [values.length], 'float16'), 'h.npy');
    expect(back.dtype).toBe('float16');
    expect(back.shape).toEqual([12]);
    const expected = [0, -0, 1, -2.5, 65504, 1.1920928955078125e-7, 6.097555160522461e-5, 0.0999755859375, 3.140625, Infinity, -Infinity, Infinity];
    expect(Array.from(back.data)).toEqual(expected);
    const nan = parseNpy(writeNpy([NaN], [1], 'float16'), 'n.npy');
    expect(Number.isNaN(nan.data[0])).toBe(true);
  });

  it('agrees with numpy’s half encoding on known bit patterns', () => {
    expect(floatToHalf(1)).toBe(0x3c00);
    expect(floatToHalf(-2)).toBe(0xc000);
    expect(floatToHalf(65504)).toBe(0x7bff);
    expect(floatToHalf(2 ** -24)).toBe(0x0001); // smallest subnormal
    expect(floatToHalf(1 + 2 ** -11)).toBe(0x3c00); // tie rounds to even
    expect(floatToHalf(1 + 3 * 2 ** -11)).toBe(0x3c02);
    expect(halfToFloat(0x3555)).toBeCloseTo(0.33325, 5);
    expect(halfToFloat(0x0001)).toBe(2 ** -24);
  });

  it('reads format versions 2.0 and 3.0 (4-byte header length; utf-8 header)', () => {
    const dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }";
    for (const major of [2, 3]) {
      const a = parseNpy(craft(major, dict, f32([1, 2, 3])), `v${major}.npy`);
      expect(a.shape).toEqual([3]);
      expect(Array.from(a.data)).toEqual([1, 2, 3]);
    }
  });

  it('reads a 0-d array and an empty one', () => {
    expect(parseNpy(craft(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (), }", f32([7])), 's.npy').data[0]).toBe(7);
    expect(parseNpy(writeNpy([], [0, 5]), 'e.npy').shape).toEqual([0, 5]);
  });
});

describe('parseNpy rejects what it cannot read, naming the file', () => {
  const expectError = (bytes: Uint8Array, name: string, pattern: RegExp) => {
    let error: unknown;
    try {
      parseNpy(bytes, name);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NpyError);
    expect((error as NpyError).file).toBe(name);
    expect((error as Error).message.startsWith(`${name}: `)).toBe(true);
    expect((error as Error).message).toMatch(pattern);
  };

  it('wrong dtype (float64, int32) and big-endian float32', () => {
    expectError(craft(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", new Uint8Array(8)), 'betas.npy', /unsupported dtype '<f8'.*float32/);
    expectError(craft(1, "{'descr': '<i4', 'fortran_order': False, 'shape': (1,), }", new Uint8Array(4)), 'ints.npy', /unsupported dtype '<i4'/);
    expectError(craft(1, "{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", new Uint8Array(4)), 'be.npy', /big-endian/);
  });

  it('fortran order', () => {
    expectError(craft(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }", f32([1, 2, 3, 4])), 'f.npy', /fortran_order/);
  });

  it('truncated data and truncated header', () => {
    const good = writeNpy(Float32Array.from({ length: 10 }, (_, i) => i), [10]);
    expectError(good.subarray(0, good.length - 1), 'cut.npy', /truncated data: shape \(10\) needs 40 bytes, file has 39/);
    expectError(good.subarray(0, 20), 'head.npy', /truncated header/);
  });

  it('not an npy file, or an unknown version', () => {
    expectError(new TextEncoder().encode('hello world, not numpy'), 'readme.txt', /not a NumPy \.npy file/);
    const v9 = writeNpy([1], [1]);
    v9[6] = 9;
    expectError(v9, 'v9.npy', /version 9\.0/);
  });
});
