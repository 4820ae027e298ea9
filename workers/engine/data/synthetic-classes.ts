/**
 * The ten classes of the synthetic dataset and how each one is drawn.
 *
 * Each class is a shape or texture family with three common sub-types (clusters that
 * k-means on embeddings can find, for "forget a sub-population") and one rare sub-type
 * that deliberately resembles another class (a model gets those right mostly by
 * memorising them, which is what unlearning has to undo). A few pairs overlap on
 * purpose: thick rings vs discs, squares vs diamonds near 30°, fat crescents vs discs,
 * rounded squares vs discs, chunky crosses vs squares.
 *
 * Variant ids: 0–2 common sub-types, 3 the rare look-alike, 4 "odd colours" (a common
 * sub-type in an unusual colour scheme; chosen in synthetic.ts, drawn by the same code).
 */
import type { Rng } from '../util/rng.ts';
import {
  bands, box, checks, circle, hsv, inflate, mixRgb, onion, paint, pose, rhombus, scaleRgb,
  shaded, smoothUnion, solid, subtract, triangle, twoTone, union, withCentreLine,
  type Canvas, type Fill, type Pose, type Rgb, type Sdf,
} from './synthetic-draw.ts';

export const VARIANT_RARE = 3;
export const VARIANT_ODD_COLOURS = 4;

/** The object's colours, already chosen (class palette, random, or odd scheme). */
export interface Ink {
  main: Rgb;
  second: Rgb;
}

/** What a variant's draw function gets: the canvas, its randomness, ink and placement. */
export interface DrawContext {
  c: Canvas;
  rng: Rng;
  ink: Ink;
  /** The object's pose (centre, px per unit, rotation from the variant's range). */
  at: Pose;
  /** Paint a shape at `p` (default: the object pose), with the scene's drop shadow. */
  shape(sdf: Sdf, fill: Fill, p?: Pose): void;
}

export interface VariantSpec {
  name: string;
  /** Rotation in turns: centre and ± spread (0.5 = any angle). */
  turns: [number, number];
  /** Object radius range in pixels (pixels per local unit). */
  size: [number, number];
  /**
   * Local radius that surely holds all ink (default 1.05, a unit disc). Keep it tight:
   * painting cost grows with its square.
   */
  bound?: number;
  /** A background this sub-type always has (its "habitat", like ships on water). */
  background?: 'night';
  draw(ctx: DrawContext): void;
}

export interface ClassSpec {
  name: string;
  /** Preferred hue (turns) of the object, used for most but not all images. */
  hue: number;
  variants: [VariantSpec, VariantSpec, VariantSpec, VariantSpec];
}

const ANY: [number, number] = [0, 0.5];
const U = (rng: Rng, lo: number, hi: number): number => lo + (hi - lo) * rng.next();

/** A shifted, scaled copy of the object pose (offsets in the object's local units). */
function sub(at: Pose, du: number, dv: number, scaleMul: number, bound = 1.05): Pose {
  return {
    ...at,
    cx: at.cx + (du * at.cos - dv * at.sin) * at.scale,
    cy: at.cy + (du * at.sin + dv * at.cos) * at.scale,
    scale: at.scale * scaleMul,
    bound,
  };
}

const unitDisc = circle(1);

const disc: ClassSpec = {
  name: 'disc',
  hue: 0.04,
  variants: [
    { name: 'flat', turns: ANY, size: [6, 10], draw: (x) => x.shape(unitDisc, solid(x.ink.main)) },
    { name: 'sphere', turns: [0, 0.02], size: [7, 11], draw: (x) => x.shape(unitDisc, shaded(x.ink.main, 0.9)) },
    { name: 'two-tone', turns: ANY, size: [6, 10], draw: (x) => x.shape(unitDisc, twoTone(x.ink.main, x.ink.second, 'v')) },
    {
      name: 'rare: three dots', turns: ANY, size: [6, 9],
      draw: (x) => {
        for (const [du, dv] of [[0, -0.8], [0.7, 0.45], [-0.7, 0.45]]) x.shape(unitDisc, solid(x.ink.main), sub(x.at, du, dv, 0.38));
      },
    },
  ],
};

const ring: ClassSpec = {
  name: 'ring',
  hue: 0.5,
  variants: [
    { name: 'thin', turns: ANY, size: [7, 11], draw: (x) => x.shape(onion(circle(0.82), 0.14), solid(x.ink.main)) },
    { name: 'thick', turns: ANY, size: [7, 11], draw: (x) => x.shape(onion(circle(0.68), 0.32), shaded(x.ink.main, 0.5)) },
    {
      name: 'double', turns: ANY, size: [8, 12],
      draw: (x) => {
        x.shape(onion(circle(0.85), 0.12), solid(x.ink.main));
        x.shape(onion(circle(0.42), 0.12), solid(x.ink.second));
      },
    },
    {
      name: 'rare: broken arc', turns: ANY, size: [8, 12],
      draw: (x) => x.shape(subtract(onion(circle(0.8), 0.13), box(0.55, 0.5, 0.7, 0)), solid(x.ink.main)),
    },
  ],
};

const square: ClassSpec = {
  name: 'square',
  hue: 0.6,
  variants: [
    { name: 'solid', turns: [0, 0.04], size: [6, 10], bound: 1.2, draw: (x) => x.shape(box(0.8, 0.8), shaded(x.ink.main, 0.3)) },
    {
      name: 'framed', turns: [0, 0.04], size: [7, 11], bound: 1.25,
      draw: (x) => {
        x.shape(box(0.85, 0.85), solid(x.ink.second));
        paint(x.c, box(0.55, 0.55), x.at, solid(x.ink.main));
      },
    },
    { name: 'rounded', turns: [0, 0.04], size: [6, 10], bound: 1.1, draw: (x) => x.shape(inflate(box(0.5, 0.5), 0.32), solid(x.ink.main)) },
    { name: 'rare: hollow outline', turns: [0, 0.04], size: [7, 11], bound: 1.25, draw: (x) => x.shape(onion(box(0.78, 0.78), 0.09), solid(x.ink.main)) },
  ],
};

const diamond: ClassSpec = {
  name: 'diamond',
  hue: 0.78,
  variants: [
    { name: 'solid', turns: [0.125, 0.05], size: [6, 9], bound: 1.1, draw: (x) => x.shape(box(0.75, 0.75), shaded(x.ink.main, 0.3)) },
    { name: 'tall', turns: [0, 0.03], size: [6, 9], bound: 1.35, draw: (x) => x.shape(rhombus(0.65, 1.3), solid(x.ink.main)) },
    {
      name: 'jewel', turns: [0.125, 0.05], size: [6, 10], bound: 1.1,
      draw: (x) => {
        x.shape(box(0.75, 0.75), solid(x.ink.main));
        paint(x.c, box(0.28, 0.28), x.at, solid(x.ink.second));
      },
    },
    { name: 'rare: needle', turns: [0, 0.06], size: [8, 12], bound: 1.35, draw: (x) => x.shape(rhombus(1.3, 0.22), solid(x.ink.main)) },
  ],
};

const triangle1 = triangle(1);
const triangleClass: ClassSpec = {
  name: 'triangle',
  hue: 0.3,
  variants: [
    { name: 'up', turns: [0, 0.05], size: [7, 11], draw: (x) => x.shape(triangle1, solid(x.ink.main)) },
    { name: 'down', turns: [0.5, 0.05], size: [7, 11], draw: (x) => x.shape(triangle1, twoTone(x.ink.main, x.ink.second, 'v')) },
    { name: 'tilted', turns: ANY, size: [7, 11], draw: (x) => x.shape(triangle1, shaded(x.ink.main, 0.8)) },
    {
      // A field of colour with a triangular hole: the inverse of every other triangle.
      name: 'rare: cut-out', turns: [0, 0.05], size: [6, 9], bound: 8,
      draw: (x) => paint(x.c, subtract(box(6, 6), triangle1), x.at, solid(x.ink.main)),
    },
  ],
};

const plus = union(box(1, 0.27), box(0.27, 1));
const cross: ClassSpec = {
  name: 'cross',
  hue: 0.95,
  variants: [
    { name: 'plus', turns: [0, 0.03], size: [7, 11], bound: 1.1, draw: (x) => x.shape(plus, solid(x.ink.main)) },
    { name: 'saltire', turns: [0.125, 0.03], size: [7, 11], bound: 1.1, draw: (x) => x.shape(plus, shaded(x.ink.main, 0.5)) },
    {
      name: 'chunky', turns: ANY, size: [6, 9], bound: 1.1,
      draw: (x) => x.shape(union(box(0.95, 0.45), box(0.45, 0.95)), twoTone(x.ink.main, x.ink.second, 'v')),
    },
    { name: 'rare: thin X', turns: [0.125, 0.04], size: [9, 13], draw: (x) => x.shape(union(box(1, 0.07), box(0.07, 1)), solid(x.ink.main)) },
  ],
};

/** A striped patch: a rounded box filled with bands along u. */
function stripedPatch(x: DrawContext, periodPx: number, wave: number, centreLine: boolean): void {
  const base = bands(x.ink.main, x.ink.second, x.at.scale / periodPx, wave, periodPx);
  x.shape(inflate(box(0.85, 0.75), 0.25), centreLine ? withCentreLine(base, { r: 0.95, g: 0.95, b: 0.9 }, 0.12) : base);
}

const stripes: ClassSpec = {
  name: 'stripes',
  hue: 0.1,
  variants: [
    { name: 'fine', turns: ANY, size: [9, 13], bound: 1.4, draw: (x) => stripedPatch(x, U(x.rng, 3, 4.5), 0, false) },
    { name: 'bands', turns: ANY, size: [9, 13], bound: 1.4, draw: (x) => stripedPatch(x, U(x.rng, 6.5, 9), 0, x.rng.next() < 0.5) },
    { name: 'zigzag', turns: ANY, size: [9, 13], bound: 1.4, draw: (x) => stripedPatch(x, U(x.rng, 4, 6), 0.9, false) },
    {
      name: 'rare: flag', turns: [0, 0.04], size: [7, 10], bound: 1.35,
      draw: (x) => x.shape(box(1.1, 0.75), twoTone(x.ink.main, x.ink.second, 'u')),
    },
  ],
};

function checkerPatch(x: DrawContext, cellPx: number, dots: boolean): void {
  x.shape(inflate(box(0.8, 0.8), 0.15), checks(x.ink.main, x.ink.second, x.at.scale / cellPx, cellPx, dots));
}

const checker: ClassSpec = {
  name: 'checker',
  hue: 0.0,
  variants: [
    { name: 'small', turns: [0, 0.06], size: [9, 13], bound: 1.3, draw: (x) => checkerPatch(x, U(x.rng, 3, 4), false) },
    { name: 'large', turns: ANY, size: [9, 13], bound: 1.3, draw: (x) => checkerPatch(x, U(x.rng, 5.5, 7.5), false) },
    { name: 'polka', turns: ANY, size: [9, 13], bound: 1.3, draw: (x) => checkerPatch(x, U(x.rng, 4.5, 6.5), true) },
    {
      name: 'rare: quadrants', turns: [0, 0.04], size: [7, 10], bound: 1.25,
      draw: (x) => x.shape(box(0.85, 0.85), twoTone(x.ink.main, x.ink.second, 'quadrants')),
    },
  ],
};

/** A random lumpy blob: n circles within ±spread, melted together with smoothness k. */
function lumps(x: DrawContext, n: number, spread: number, k: number): Sdf {
  const parts: Sdf[] = [];
  for (let i = 0; i < n; i++) parts.push(circle(U(x.rng, 0.35, 0.6), U(x.rng, -spread, spread), U(x.rng, -spread, spread)));
  return smoothUnion(k, ...parts);
}

const blob: ClassSpec = {
  name: 'blob',
  hue: 0.22,
  variants: [
    { name: 'lumpy', turns: ANY, size: [7, 10], bound: 1.5, draw: (x) => x.shape(lumps(x, 5, 0.5, 0.5), shaded(x.ink.main, 0.6)) },
    { name: 'cluster', turns: ANY, size: [7, 10], bound: 2, draw: (x) => x.shape(lumps(x, 4, 0.95, 0.15), solid(x.ink.main)) },
    {
      name: 'worm', turns: ANY, size: [7, 10], bound: 1.35,
      draw: (x) => {
        const bend = U(x.rng, -0.6, 0.6);
        const body: Sdf[] = [];
        for (let i = -2; i <= 2; i++) body.push(circle(0.3, i * 0.42, bend * (i * i * 0.12 - 0.25)));
        x.shape(smoothUnion(0.3, ...body), twoTone(x.ink.main, x.ink.second, 'v'));
      },
    },
    {
      name: 'rare: holey', turns: ANY, size: [7, 10], bound: 1.3,
      draw: (x) => x.shape(subtract(lumps(x, 5, 0.35, 0.5), circle(0.3)), solid(x.ink.main)),
    },
  ],
};

/** A unit disc with a disc of radius `cut` removed, offset by `offset` (a crescent). */
const crescentSdf = (offset: number, cut: number): Sdf => subtract(unitDisc, circle(cut, offset, offset * 0.3));

const crescent: ClassSpec = {
  name: 'crescent',
  hue: 0.13,
  variants: [
    { name: 'thin', turns: ANY, size: [7, 11], draw: (x) => x.shape(crescentSdf(0.5, 0.95), solid(x.ink.main)) },
    { name: 'fat', turns: ANY, size: [7, 11], draw: (x) => x.shape(crescentSdf(0.95, 0.75), shaded(x.ink.main, 0.5)) },
    {
      name: 'moon and stars', turns: ANY, size: [6, 9], background: 'night',
      draw: (x) => {
        const starColour = solid(scaleRgb(x.ink.main, 1.2));
        for (let i = 0; i < 4; i++) paint(x.c, unitDisc, pose(U(x.rng, 2, 30), U(x.rng, 2, 30), U(x.rng, 0.6, 1), 0), starColour, 0.8);
        x.shape(crescentSdf(0.6, 0.9), solid(x.ink.main));
      },
    },
    { name: 'rare: sliver', turns: ANY, size: [9, 13], draw: (x) => x.shape(crescentSdf(0.22, 1), solid(x.ink.main)) },
  ],
};

/** In label order. */
export const SYNTHETIC_CLASSES: readonly ClassSpec[] = [
  disc, ring, square, diamond, triangleClass, cross, stripes, checker, blob, crescent,
];

export const SYNTHETIC_CLASS_NAMES: readonly string[] = SYNTHETIC_CLASSES.map((c) => c.name);

/** Readable name of a variant id, e.g. "ring / thick" or "disc / odd colours". */
export function variantName(label: number, variant: number): string {
  const spec = SYNTHETIC_CLASSES[label];
  return `${spec.name} / ${variant === VARIANT_ODD_COLOURS ? 'odd colours' : spec.variants[variant].name}`;
}

/** Class colours: near the class hue, plus a second colour that goes with it. */
export function classInk(rng: Rng, hue: number): Ink {
  const main = hsv(hue + (rng.next() - 0.5) * 0.08, 0.55 + 0.4 * rng.next(), 0.55 + 0.45 * rng.next());
  return { main, second: secondColour(rng, main) };
}

export function randomInk(rng: Rng): Ink {
  const main = hsv(rng.next(), 0.3 + 0.65 * rng.next(), 0.35 + 0.65 * rng.next());
  return { main, second: secondColour(rng, main) };
}

function secondColour(rng: Rng, main: Rgb): Rgb {
  const r = rng.next();
  if (r < 0.4) return scaleRgb(main, 0.35 + 0.2 * rng.next()); // darker shade
  if (r < 0.7) return mixRgb(main, { r: 1, g: 1, b: 0.95 }, 0.6 + 0.3 * rng.next()); // pale tint
  return hsv(rng.next(), 0.5 + 0.5 * rng.next(), 0.4 + 0.6 * rng.next()); // any other colour
}
