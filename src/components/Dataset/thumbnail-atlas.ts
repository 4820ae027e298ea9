/**
 * Turns channel-planar CIFAR bytes into drawable thumbnails, lazily, in tiles of 256
 * images (a 512×512 canvas each). Drawing a visible cell is then one drawImage from a
 * tile, so scrolling through thousands of images stays cheap; a tile is converted the
 * first time any of its images is on screen and kept after.
 */
import { IMAGE_SIZE, PIXELS_PER_IMAGE } from '../../../workers/engine/data/types';

const PER_SIDE = 16;
const PER_TILE = PER_SIDE * PER_SIDE;
const PLANE = IMAGE_SIZE * IMAGE_SIZE;

type TileCanvas = OffscreenCanvas | HTMLCanvasElement;

function newCanvas(size: number): TileCanvas {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(size, size);
  const c = document.createElement('canvas');
  c.width = c.height = size;
  return c;
}

export class ThumbnailAtlas {
  private readonly tiles = new Map<number, TileCanvas>();

  constructor(
    private readonly pixels: Uint8Array,
    readonly count: number,
  ) {}

  /** Draws image `i` (index in the train pool) scaled to `size` at (x, y). */
  draw(ctx: CanvasRenderingContext2D, i: number, x: number, y: number, size: number): void {
    const tile = this.tile(Math.floor(i / PER_TILE));
    const k = i % PER_TILE;
    ctx.drawImage(tile, (k % PER_SIDE) * IMAGE_SIZE, Math.floor(k / PER_SIDE) * IMAGE_SIZE, IMAGE_SIZE, IMAGE_SIZE, x, y, size, size);
  }

  private tile(t: number): TileCanvas {
    let canvas = this.tiles.get(t);
    if (canvas) return canvas;
    const side = PER_SIDE * IMAGE_SIZE;
    canvas = newCanvas(side);
    const ctx = canvas.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;
    const image = ctx.createImageData(side, side);
    const rgba = image.data;
    const end = Math.min(this.count, (t + 1) * PER_TILE);
    for (let i = t * PER_TILE; i < end; i++) {
      const k = i - t * PER_TILE;
      const src = i * PIXELS_PER_IMAGE;
      const ox = (k % PER_SIDE) * IMAGE_SIZE;
      const oy = Math.floor(k / PER_SIDE) * IMAGE_SIZE;
      for (let p = 0; p < PLANE; p++) {
        const o = ((oy + (p >> 5)) * side + ox + (p & 31)) * 4;
        rgba[o] = this.pixels[src + p];
        rgba[o + 1] = this.pixels[src + PLANE + p];
        rgba[o + 2] = this.pixels[src + 2 * PLANE + p];
        rgba[o + 3] = 255;
      }
    }
    ctx.putImageData(image, 0, 0);
    this.tiles.set(t, canvas);
    return canvas;
  }
}
