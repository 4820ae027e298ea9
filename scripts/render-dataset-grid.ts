/**
 * Render a grid of dataset images to a PNG, to look at what a loader or the generator
 * produced (there is no substitute for looking).
 *
 *   npx tsx scripts/render-dataset-grid.ts --out grid.png
 *   npx tsx scripts/render-dataset-grid.ts --dataset cifar10-subset --by-class --out real.png
 *   npx tsx scripts/render-dataset-grid.ts --by-class --variant 3 --out rare.png   # synthetic only
 *
 * Options: --dataset synthetic|synthetic:SEED|cifar10-subset|cifar10:PATH (default
 * synthetic), --split train|validation, --rows N (default 10), --cols N (default 10),
 * --scale N (screen pixels per image pixel, default 3), --by-class (row r shows class r),
 * --variant V (only synthetic images of that variant id), --start N (skip the first N
 * matching images, to page through).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { zlibSync } from 'fflate';
import { resolveDatasetArg } from '../workers/engine/data/cifar-files.node.ts';
import { IMAGE_SIZE, type ImageSet } from '../workers/engine/data/types.ts';

interface GridOptions {
  rows: number;
  cols: number;
  scale: number;
  byClass: boolean;
  variant?: number;
  start: number;
}

/** Which image goes in each cell, row-major; -1 leaves a cell empty. */
function pickCells(set: ImageSet, o: GridOptions): number[] {
  const matches = (i: number) => o.variant === undefined || set.variants?.[i] === o.variant;
  const take = (want: (i: number) => boolean, n: number): number[] => {
    const out: number[] = [];
    for (let i = 0, skipped = 0; i < set.count && out.length < n; i++) {
      if (want(i) && matches(i) && skipped++ >= o.start) out.push(i);
    }
    while (out.length < n) out.push(-1);
    return out;
  };
  if (!o.byClass) return take(() => true, o.rows * o.cols);
  const cells: number[] = [];
  for (let r = 0; r < o.rows; r++) cells.push(...take((i) => set.labels[i] === r, o.cols));
  return cells;
}

/** Lay the chosen images out as one interleaved RGB picture with white gaps. */
function composeGrid(set: ImageSet, cells: number[], o: GridOptions): { rgb: Uint8Array; width: number; height: number } {
  const GAP = 2;
  const side = IMAGE_SIZE * o.scale;
  const width = o.cols * (side + GAP) + GAP;
  const height = o.rows * (side + GAP) + GAP;
  const rgb = new Uint8Array(width * height * 3).fill(255);
  const plane = IMAGE_SIZE * IMAGE_SIZE;
  cells.forEach((img, k) => {
    if (img < 0) return;
    const ox = GAP + (k % o.cols) * (side + GAP);
    const oy = GAP + Math.floor(k / o.cols) * (side + GAP);
    const base = img * plane * 3;
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        const p = Math.floor(y / o.scale) * IMAGE_SIZE + Math.floor(x / o.scale);
        const at = ((oy + y) * width + ox + x) * 3;
        rgb[at] = set.pixels[base + p];
        rgb[at + 1] = set.pixels[base + plane + p];
        rgb[at + 2] = set.pixels[base + 2 * plane + p];
      }
    }
  });
  return { rgb, width, height };
}

// ---- minimal PNG encoder: 8-bit RGB, no interlace, filter type 0 on every row ----

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  dv.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

function encodePng(rgb: Uint8Array, width: number, height: number): Uint8Array {
  const stride = width * 3;
  const raw = new Uint8Array(height * (stride + 1)); // each row: filter byte 0, then pixels
  for (let y = 0; y < height; y++) raw.set(rgb.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  const ihdr = new Uint8Array(13);
  const dv = new DataView(ihdr.buffer);
  dv.setUint32(0, width);
  dv.setUint32(4, height);
  ihdr.set([8, 2, 0, 0, 0], 8); // bit depth 8, colour type RGB, deflate, filter 0, no interlace
  const parts = [
    new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlibSync(raw, { level: 6 })),
    chunk('IEND', new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dataset: { type: 'string', default: 'synthetic' },
      split: { type: 'string', default: 'train' },
      rows: { type: 'string', default: '10' },
      cols: { type: 'string', default: '10' },
      scale: { type: 'string', default: '3' },
      'by-class': { type: 'boolean', default: false },
      variant: { type: 'string' },
      start: { type: 'string', default: '0' },
      out: { type: 'string', default: 'grid.png' },
    },
  });
  const o: GridOptions = {
    rows: Number(values.rows),
    cols: Number(values.cols),
    scale: Number(values.scale),
    byClass: values['by-class']!,
    variant: values.variant === undefined ? undefined : Number(values.variant),
    start: Number(values.start),
  };
  const dataset = await resolveDatasetArg(values.dataset!);
  const set = values.split === 'validation' ? dataset.validation : dataset.train;
  const { rgb, width, height } = composeGrid(set, pickCells(set, o), o);
  writeFileSync(values.out!, encodePng(rgb, width, height));
  const rowsAre = o.byClass ? `rows: ${dataset.classNames.slice(0, o.rows).join(', ')}` : 'in dataset order';
  console.log(`${dataset.name}: wrote ${values.out} (${o.rows}×${o.cols} of ${set.count} ${values.split} images, ${rowsAre})`);
}

await main();
