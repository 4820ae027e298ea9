/**
 * The embedded default dataset: CIFAR-shaped (32×32 RGB, 10 classes, planar bytes)
 * toy images generated from a seed, so a fresh checkout works offline and a link can
 * name the data by (seed, sizes) alone.
 *
 * Designed for unlearning, not for accuracy: a small CNN generalises on the common
 * sub-types (shape + colour + texture cues under random pose, background, clutter and
 * noise) but ~10% of each class is atypical — a rare sub-type that looks like another
 * class, or a common one in odd colours — and those are mostly learned by
 * memorisation. Forgetting them is where unlearning methods differ.
 *
 * Each image draws from its own RNG stream, deriveSeed(seed, split, index), so a change
 * in how one image is drawn never shifts the randomness of the others.
 */
import { Rng, deriveSeed } from '../util/rng.ts';
import {
  SYNTHETIC_CLASSES, SYNTHETIC_CLASS_NAMES, VARIANT_ODD_COLOURS, VARIANT_RARE,
  classInk, randomInk, type DrawContext, type Ink,
} from './synthetic-classes.ts';
import { hsv, mixRgb, newCanvas, paint, pose, scaleRgb, solid, type Canvas } from './synthetic-draw.ts';
import {
  HABITAT_COUNT, finish, paintBackground, paintClutter, randomBackgroundColours, type BackgroundColours,
} from './synthetic-scene.ts';
import { NUM_CLASSES, PIXELS_PER_IMAGE, type ImageSet } from './types.ts';

export interface SyntheticOptions {
  seed?: number;
  trainSize?: number;
  validationSize?: number;
}

export const SYNTHETIC_DEFAULTS = { seed: 1, trainSize: 5000, validationSize: 1000 } as const;

/** Share of each class drawn as the rare look-alike sub-type, and in odd colours. */
export const RARE_SHARE = 0.05;
export const ODD_COLOURS_SHARE = 0.05;
/** Share of ordinary images whose object takes its sub-type's hue (else any hue). */
const CLASS_HUE_SHARE = 0.65;
/** Sub-type hue = class hue + this shift, so sub-types differ in colour as well as form. */
const SUBTYPE_HUE_SHIFT = [0, 0.09, -0.09, 0];
/** Share of images set in their sub-type's habitual background (else any background). */
const HABITAT_SHARE = 0.45;

export type SyntheticSplit = 'train' | 'validation';

export interface SyntheticContent {
  classNames: string[];
  train: ImageSet;
  validation: ImageSet;
}

/** Generate both splits. Same options → same bytes, in every JS engine. */
export function generateSynthetic(opts: SyntheticOptions = {}): SyntheticContent {
  const seed = opts.seed ?? SYNTHETIC_DEFAULTS.seed;
  const trainSize = opts.trainSize ?? SYNTHETIC_DEFAULTS.trainSize;
  const validationSize = opts.validationSize ?? SYNTHETIC_DEFAULTS.validationSize;
  for (const [k, n] of [['trainSize', trainSize], ['validationSize', validationSize]] as const) {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`${k} must be a non-negative integer, got ${n}`);
  }
  return {
    classNames: [...SYNTHETIC_CLASS_NAMES],
    train: generateImageSet(seed, 'train', trainSize),
    validation: generateImageSet(seed, 'validation', validationSize),
  };
}

/** One split: labels balanced (counts differ by at most one) in a seeded random order. */
export function generateImageSet(seed: number, split: SyntheticSplit, count: number): ImageSet {
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) labels[i] = i % NUM_CLASSES;
  new Rng(deriveSeed(seed, split, 'labels')).shuffle(labels);
  const pixels = new Uint8Array(count * PIXELS_PER_IMAGE);
  const variants = new Uint8Array(count);
  const canvas = newCanvas();
  for (let i = 0; i < count; i++) {
    const rng = new Rng(deriveSeed(seed, split, i));
    variants[i] = drawImage(canvas, rng, labels[i], pixels, i * PIXELS_PER_IMAGE);
  }
  return { pixels, labels, count, variants };
}

/** Draw one image of class `label` into `out` at `offset`; returns its variant id. */
function drawImage(c: Canvas, rng: Rng, label: number, out: Uint8Array, offset: number): number {
  const spec = SYNTHETIC_CLASSES[label];
  const r = rng.next();
  const variant = r < RARE_SHARE ? VARIANT_RARE : r < RARE_SHARE + ODD_COLOURS_SHARE ? VARIANT_ODD_COLOURS : rng.int(3);
  const shapeVariant = variant === VARIANT_ODD_COLOURS ? rng.int(3) : variant;
  const vs = spec.variants[shapeVariant];

  const habitat = (label * 2 + shapeVariant) % HABITAT_COUNT;
  let bg = randomBackgroundColours(rng, rng.next() < HABITAT_SHARE ? habitat : undefined);
  let ink: Ink;
  let grey = false;
  if (variant === VARIANT_ODD_COLOURS) {
    ({ bg, ink, grey } = oddColours(rng, bg));
  } else {
    ink = rng.next() < CLASS_HUE_SHARE ? classInk(rng, spec.hue + SUBTYPE_HUE_SHIFT[shapeVariant]) : randomInk(rng);
    if (vs.background === 'night') bg = nightSky(rng);
  }

  paintBackground(c, rng, bg);
  paintClutter(c, rng, rng.int(5));

  // Size and position vary enough that some objects are small or partly out of frame.
  const size = (vs.size[0] + (vs.size[1] - vs.size[0]) * rng.next()) * (0.85 + 0.3 * rng.next());
  const turns = vs.turns[0] + (rng.next() * 2 - 1) * vs.turns[1];
  const at = pose(16 + (rng.next() - 0.5) * 14, 16 + (rng.next() - 0.5) * 14, size, turns, vs.bound ?? 1.05);
  const shadow = rng.next() < 0.5;
  const shadowDx = 0.6 + rng.next();
  const shadowDy = 0.8 + rng.next();
  const ctx: DrawContext = {
    c, rng, ink, at,
    shape(sdf, fill, p = at) {
      if (shadow) {
        const dark = scaleRgb(mixRgb(bg.a, bg.b, 0.5), 0.3);
        paint(c, sdf, { ...p, cx: p.cx + shadowDx, cy: p.cy + shadowDy }, solid(dark), 0.45, 2.5);
      }
      paint(c, sdf, p, fill);
    },
  };
  vs.draw(ctx);
  if (rng.next() < 0.25) paintClutter(c, rng, 1 + rng.int(2)); // things in front of the object

  if (grey) toGrey(c);
  finish(c, rng, 0.015 + 0.05 * rng.next(), out, offset);
  return variant;
}

/** Unusual colour schemes: low contrast, inverted (dark ink on pale ground), or greyscale. */
function oddColours(rng: Rng, bg: BackgroundColours): { bg: BackgroundColours; ink: Ink; grey: boolean } {
  const scheme = rng.int(3);
  if (scheme === 0) {
    const near = mixRgb(bg.a, bg.b, 0.5);
    const main = mixRgb(near, hsv(rng.next(), 1, 1), 0.25);
    return { bg, ink: { main, second: scaleRgb(main, 0.85) }, grey: false };
  }
  if (scheme === 1) {
    const pale = { a: hsv(rng.next(), 0.1, 0.9), b: hsv(rng.next(), 0.15, 0.8) };
    const main = hsv(rng.next(), 0.6, 0.12 + 0.1 * rng.next());
    return { bg: pale, ink: { main, second: scaleRgb(main, 2.5) }, grey: false };
  }
  return { bg, ink: randomInk(rng), grey: true };
}

function nightSky(rng: Rng): BackgroundColours {
  return { a: hsv(0.62 + 0.05 * rng.next(), 0.7, 0.12 + 0.1 * rng.next()), b: hsv(0.65, 0.6, 0.25 + 0.15 * rng.next()) };
}

function toGrey(c: Canvas): void {
  for (let i = 0; i < c.r.length; i++) {
    const y = 0.3 * c.r[i] + 0.59 * c.g[i] + 0.11 * c.b[i];
    c.r[i] = y;
    c.g[i] = y;
    c.b[i] = y;
  }
}
