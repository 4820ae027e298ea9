/**
 * NumPy `.npy` files, the format users bring datamodels and margins in from a GPU
 * cluster (product.md, "Bigger than a browser"). Pure and synchronous over bytes, so it
 * runs in a worker, in Node and in tests.
 *
 * Only what such exports are: little-endian float32 or float16, C order, format
 * versions 1.0, 2.0 and 3.0 (they differ only in the header-length field and the
 * header's text encoding). Everything else is rejected with a message that starts with
 * the file name, because the reader is looking at a folder of dropped files.
 * float16 is widened to float32 on read: tfjs and every consumer here work in float32.
 */
import { UserError } from '../util/user-error';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"
/** numpy pads the header so the data starts on a 64-byte boundary (since numpy 1.23; 16 before). */
const ALIGN = 64;

export type NpyDtype = 'float32' | 'float16';

export interface NpyArray {
  shape: number[];
  /** The dtype stored in the file; `data` is float32 either way. */
  dtype: NpyDtype;
  data: Float32Array;
}

export class NpyError extends UserError {
  override readonly name = 'NpyError';
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
  }
}

const DESCR: Record<string, NpyDtype> = { '<f4': 'float32', '<f2': 'float16' };

/** Parses a `.npy` file. `name` only labels errors. */
export function parseNpy(bytes: Uint8Array, name: string): NpyArray {
  const fail: (problem: string) => never = (problem) => {
    throw new NpyError(name, problem);
  };
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) fail('not a NumPy .npy file (missing the \\x93NUMPY magic)');
  const major = bytes[6];
  if (major !== 1 && major !== 2 && major !== 3) fail(`unsupported .npy format version ${major}.${bytes[7]} (1.0, 2.0 and 3.0 are read)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lenBytes = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lenBytes) fail('truncated header');
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = 8 + lenBytes;
  if (bytes.length < start + headerLen) fail(`truncated header (${headerLen} bytes announced, ${bytes.length - start} present)`);
  const decoder = new TextDecoder(major === 3 ? 'utf-8' : 'latin1');
  const header = parseHeader(decoder.decode(bytes.subarray(start, start + headerLen)), fail);
  const dtype = DESCR[header.descr];
  if (!dtype) {
    const hint = header.descr.startsWith('>') ? ' (big-endian; save with .astype("<f4"))' : '';
    fail(`unsupported dtype '${header.descr}'${hint}; expected little-endian float32 ('<f4') or float16 ('<f2')`);
  }
  if (header.fortranOrder) fail('fortran_order is True; save a C-ordered array (np.ascontiguousarray) instead');
  const count = header.shape.reduce((a, b) => a * b, 1);
  const itemSize = dtype === 'float32' ? 4 : 2;
  const dataStart = start + headerLen;
  const need = count * itemSize;
  if (bytes.length - dataStart < need) {
    fail(`truncated data: shape (${header.shape.join(', ')}) needs ${need} bytes, file has ${bytes.length - dataStart}`);
  }
  const data = new Float32Array(count);
  if (dtype === 'float32') {
    for (let i = 0; i < count; i++) data[i] = view.getFloat32(dataStart + 4 * i, true);
  } else {
    for (let i = 0; i < count; i++) data[i] = halfToFloat(view.getUint16(dataStart + 2 * i, true));
  }
  return { shape: header.shape, dtype, data };
}

interface Header {
  descr: string;
  fortranOrder: boolean;
  shape: number[];
}

/**
 * The header is a Python dict literal such as
 * `{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }`. Three fields, fixed
 * vocabulary: small regular expressions are enough and avoid evaluating anything.
 */
function parseHeader(text: string, fail: (p: string) => never): Header {
  const descr = /['"]descr['"]\s*:\s*['"]([^'"]*)['"]/.exec(text);
  const fortran = /['"]fortran_order['"]\s*:\s*(True|False)/.exec(text);
  const shape = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(text);
  if (!descr || !fortran || !shape) return fail(`unreadable header ${JSON.stringify(text.trim())}`);
  if (descr[1].startsWith('|') || descr[1].includes('[') || descr[1] === '') return fail(`unsupported dtype '${descr[1]}'`);
  const dims = shape[1]
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => (/^\d+L?$/.test(s) ? Number.parseInt(s, 10) : NaN));
  if (dims.some((d) => !Number.isSafeInteger(d))) return fail(`bad shape (${shape[1]})`);
  return { descr: descr[1], fortranOrder: fortran[1] === 'True', shape: dims };
}

/** IEEE 754 binary16 → number (subnormals, infinities and NaN included). */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 0x1f) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

/** number → IEEE 754 binary16, round to nearest even; overflow goes to ±Infinity. */
export function floatToHalf(value: number): number {
  if (Number.isNaN(value)) return 0x7e00;
  const sign = value < 0 || Object.is(value, -0) ? 0x8000 : 0;
  const a = Math.abs(value);
  if (a === Infinity) return sign | 0x7c00;
  if (a < 2 ** -24 * 0.5) return sign; // rounds to zero
  if (a < 2 ** -14) {
    // subnormal: value = frac · 2^-24
    return sign | roundEven(a / 2 ** -24);
  }
  let exp = Math.floor(Math.log2(a));
  if (2 ** exp > a) exp--; // log2 rounding guard
  if (2 ** (exp + 1) <= a) exp++;
  let frac = roundEven((a / 2 ** exp - 1) * 1024);
  if (frac === 1024) {
    frac = 0;
    exp++;
  }
  if (exp > 15) return sign | 0x7c00;
  return sign | ((exp + 15) << 10) | frac;
}

function roundEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/**
 * Writes a C-ordered little-endian `.npy` (version 1.0, or 2.0 when the header would not
 * fit in 65,535 bytes), header padded so the data is 64-byte aligned as numpy does.
 */
export function writeNpy(data: ArrayLike<number>, shape: number[], dtype: NpyDtype = 'float32'): Uint8Array {
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== data.length) throw new RangeError(`writeNpy: ${data.length} values for shape (${shape.join(', ')})`);
  const descr = dtype === 'float32' ? '<f4' : '<f2';
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  const dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  // magic (6) + version (2) + header length (2 bytes in v1, 4 in v2)
  const padded = (prefix: number) => dict + ' '.repeat((ALIGN - ((prefix + dict.length + 1) % ALIGN)) % ALIGN) + '\n';
  const major = padded(10).length > 0xffff ? 2 : 1;
  const prefix = major === 1 ? 10 : 12;
  const header = padded(prefix);
  const itemSize = dtype === 'float32' ? 4 : 2;
  const out = new Uint8Array(prefix + header.length + count * itemSize);
  out.set(MAGIC, 0);
  out[6] = major;
  out[7] = 0;
  const view = new DataView(out.buffer);
  if (major === 1) view.setUint16(8, header.length, true);
  else view.setUint32(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[prefix + i] = header.charCodeAt(i);
  const base = prefix + header.length;
  if (dtype === 'float32') for (let i = 0; i < count; i++) view.setFloat32(base + 4 * i, data[i], true);
  else for (let i = 0; i < count; i++) view.setUint16(base + 2 * i, floatToHalf(data[i]), true);
  return out;
}
