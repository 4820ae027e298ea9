/**
 * Everything in a synthetic image that is not the object: the background (horizon,
 * clouds or gradient, like the sky/ground/water behind CIFAR objects), small clutter
 * that a model must learn to ignore, and the final camera-ish pass (exposure, contrast,
 * sensor noise) that turns the float canvas into CIFAR bytes.
 */
import type { Rng } from '../util/rng.ts';
import { N, box, circle, clamp01, hsv, mix, newCanvas, paint, pose, solid, type Canvas, type Rgb } from './synthetic-draw.ts';

export type BackgroundKind = 'horizon' | 'clouds' | 'gradient';
const KINDS: BackgroundKind[] = ['horizon', 'clouds', 'gradient'];

/** Two background colours; `a` is the upper/"sky" one. */
export interface BackgroundColours {
  a: Rgb;
  b: Rgb;
}

type Habitat = (rng: Rng) => BackgroundColours;

/**
 * Background "habitats": sky over ground, water, dark, pale, vivid, dull. Backgrounds
 * vary as much as objects do; each sub-type leans towards one habitat (as ships lean
 * towards water in CIFAR), which makes sub-populations easier to find by clustering.
 */
const HABITATS: Habitat[] = [
  (r) => ({ a: hsv(0.55 + 0.08 * r.next(), 0.2 + 0.4 * r.next(), 0.6 + 0.35 * r.next()), b: hsv(0.08 + 0.27 * r.next(), 0.3 + 0.4 * r.next(), 0.25 + 0.35 * r.next()) }),
  (r) => ({ a: hsv(0.55 + 0.05 * r.next(), 0.1 + 0.3 * r.next(), 0.7 + 0.25 * r.next()), b: hsv(0.5 + 0.12 * r.next(), 0.4 + 0.4 * r.next(), 0.25 + 0.4 * r.next()) }),
  (r) => {
    const h = r.next();
    return { a: hsv(h, 0.2 + 0.5 * r.next(), 0.05 + 0.25 * r.next()), b: hsv(h + 0.1 * r.next(), 0.2 + 0.5 * r.next(), 0.1 + 0.25 * r.next()) };
  },
  (r) => {
    const h = r.next();
    return { a: hsv(h, 0.05 + 0.2 * r.next(), 0.75 + 0.25 * r.next()), b: hsv(h + 0.3 * r.next(), 0.05 + 0.25 * r.next(), 0.65 + 0.3 * r.next()) };
  },
  (r) => {
    const h = r.next();
    return { a: hsv(h, 0.6 + 0.4 * r.next(), 0.5 + 0.5 * r.next()), b: hsv(h + r.next() - 0.5, 0.5 + 0.5 * r.next(), 0.3 + 0.5 * r.next()) };
  },
  (r) => {
    const h = r.next();
    return { a: hsv(h, 0.1 + 0.45 * r.next(), 0.3 + 0.65 * r.next()), b: hsv(h + (r.next() - 0.5) * 0.4, 0.15 + 0.5 * r.next(), 0.15 + 0.6 * r.next()) };
  },
];
export const HABITAT_COUNT = HABITATS.length;

/** Background colours from habitat `habitat`, or from a random one when it is omitted. */
export function randomBackgroundColours(rng: Rng, habitat?: number): BackgroundColours {
  return HABITATS[habitat ?? rng.int(HABITATS.length)](rng);
}

const T = new Float64Array(N * N);
const SKY = new Float64Array(N * N);

/** Fill the canvas with a background: a blend field t between colours a (t = 0) and b. */
export function paintBackground(c: Canvas, rng: Rng, col: BackgroundColours, kind?: BackgroundKind): void {
  const k = kind ?? KINDS[rng.int(KINDS.length)];
  SKY.fill(1);
  if (k === 'horizon') {
    const horizon = 8 + rng.next() * 18;
    const width = 0.5 + rng.next() * 3;
    const tilt = (rng.next() - 0.5) * 0.4;
    const shade = 0.15 * rng.next();
    for (let y = 0; y < N; y++) {
      const sky = 1 - shade * (1 - y / horizon); // the sky darkens slightly upwards
      for (let x = 0; x < N; x++) {
        const i = y * N + x;
        T[i] = clamp01(0.5 + (y + 0.5 - horizon - tilt * (x - 16)) / width);
        SKY[i] = sky;
      }
    }
  } else if (k === 'clouds') {
    // Value noise: a 5×5 lattice of random mixes, smoothly interpolated.
    const G = 5;
    const lattice: number[] = [];
    for (let i = 0; i < G * G; i++) lattice.push(rng.next());
    const cell = (N - 1) / (G - 1);
    for (let y = 0; y < N; y++) {
      const gy = y / cell;
      const iy = Math.min(G - 2, Math.floor(gy));
      let fy = gy - iy;
      fy = fy * fy * (3 - 2 * fy);
      for (let x = 0; x < N; x++) {
        const gx = x / cell;
        const ix = Math.min(G - 2, Math.floor(gx));
        let fx = gx - ix;
        fx = fx * fx * (3 - 2 * fx);
        const l = iy * G + ix;
        const top = mix(lattice[l], lattice[l + 1], fx);
        const bot = mix(lattice[l + G], lattice[l + G + 1], fx);
        T[y * N + x] = mix(top, bot, fy);
      }
    }
  } else {
    const dx = rng.next() - 0.5;
    const dy = rng.next() - 0.5;
    const norm = 1 / (Math.sqrt(dx * dx + dy * dy) + 1e-6) / 22;
    for (let y = 0; y < N; y++) {
      for (let x = 0; x < N; x++) T[y * N + x] = clamp01(0.5 + ((x - 15.5) * dx + (y - 15.5) * dy) * norm);
    }
  }
  const { r, g, b } = c;
  const { r: ar, g: ag, b: ab } = col.a;
  const { r: br, g: bg, b: bb } = col.b;
  for (let i = 0; i < N * N; i++) {
    const t = T[i];
    const sky = SKY[i];
    r[i] = ar * sky + (br - ar * sky) * t;
    g[i] = ag * sky + (bg - ag * sky) * t;
    b[i] = ab * sky + (bb - ab * sky) * t;
  }
}

const PEBBLE = circle(1);
const CHIP = box(1, 0.7);

/** A few small faint things (pebbles, twigs, blotches): distractors, not signal. */
export function paintClutter(c: Canvas, rng: Rng, count: number): void {
  for (let k = 0; k < count; k++) {
    const col = hsv(rng.next(), 0.2 + 0.6 * rng.next(), 0.2 + 0.7 * rng.next());
    const p = pose(rng.next() * N, rng.next() * N, 1 + rng.next() * 2.5, rng.next(), 1.05);
    const opacity = 0.25 + 0.45 * rng.next();
    const kind = rng.int(3);
    if (kind === 0) paint(c, PEBBLE, p, solid(col), opacity);
    else if (kind === 1) paint(c, CHIP, { ...p, bound: 1.25 }, solid(col), opacity);
    else {
      const len = 1.5 + rng.next() * 2.5;
      paint(c, box(len, 0.18), { ...p, bound: len + 0.2 }, solid(col), opacity);
    }
  }
}

/** Exposure/contrast jitter, per-pixel noise, rounding: the float canvas becomes CIFAR bytes. */
export function finish(c: Canvas, rng: Rng, noise: number, out: Uint8Array, offset: number): void {
  const gain = (0.8 + 0.4 * rng.next()) * 255;
  const bias = (rng.next() - 0.5) * 0.12 * 255;
  const area = N * N;
  const amp = (noise * 255 * 2) / 1023;
  const { r, g, b } = c;
  // Pixel noise from a local xorshift32 seeded once per image: the shared Rng costs
  // ~30 ns a draw in V8, which made noise the slowest part of generation.
  let s = rng.nextUint32() | 1;
  for (let i = 0; i < area; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    // One 32-bit draw gives three 10-bit uniforms, one per channel.
    const nr = ((s & 1023) - 511.5) * amp;
    const ng = (((s >>> 10) & 1023) - 511.5) * amp;
    const nb = (((s >>> 20) & 1023) - 511.5) * amp;
    out[offset + i] = toByte(r[i] * gain + bias + nr);
    out[offset + area + i] = toByte(g[i] * gain + bias + ng);
    out[offset + 2 * area + i] = toByte(b[i] * gain + bias + nb);
  }
}

function toByte(x: number): number {
  return x <= 0 ? 0 : x >= 255 ? 255 : (x + 0.5) | 0; // = Math.round here, measurably faster
}

export { newCanvas };
