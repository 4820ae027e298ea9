/**
 * A tiny 32×32 rasteriser for the synthetic dataset: signed-distance shapes, painted
 * with one-pixel anti-aliasing onto a float RGB canvas.
 *
 * Shapes and fills work on whole runs of pixels (arrays of local coordinates), not one
 * pixel per call: a per-pixel closure call is megamorphic in V8 and boxes every double
 * it passes, which made generation 3× slower than it needs to be.
 *
 * Determinism rule: the generator's bytes must be identical in every JS engine (the
 * dataset hash keys every cache and shared link). IEEE-754 guarantees + − × ÷ and
 * Math.sqrt are correctly rounded, but Math.sin/cos/exp/log/pow/hypot may differ
 * between engines. So nothing here (or in the other synthetic-* files) calls them:
 * rotations use the polynomial sinCos below.
 */
import { IMAGE_SIZE } from './types.ts';

export const N = IMAGE_SIZE;
const AREA = N * N;

/** RGB in [0, 1]. */
export interface Rgb {
  r: number;
  g: number;
  b: number;
}

/** Float canvas, channel-planar like the CIFAR layout (r, g, b planes of 1024). */
export interface Canvas {
  r: Float32Array;
  g: Float32Array;
  b: Float32Array;
}

export function newCanvas(): Canvas {
  return { r: new Float32Array(AREA), g: new Float32Array(AREA), b: new Float32Array(AREA) };
}

/** Signed distances (local units; negative inside) of the first n points into d. */
export type Sdf = (u: Float64Array, v: Float64Array, d: Float64Array, n: number) => void;

/** Colours of the first n points (local units) into out.r/g/b. */
export type Fill = (u: Float64Array, v: Float64Array, n: number, out: ColourRun) => void;

export interface ColourRun {
  r: Float64Array;
  g: Float64Array;
  b: Float64Array;
}

/** Where a shape sits: centre and pixels per local unit, rotation, bounding radius. */
export interface Pose {
  cx: number;
  cy: number;
  /** Pixels per local unit. */
  scale: number;
  cos: number;
  sin: number;
  /** Local radius beyond which the shape surely has no ink (limits the pixels visited). */
  bound: number;
}

export const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);
export const mix = (a: number, b: number, t: number): number => a + (b - a) * t;
export const rgb = (r: number, g: number, b: number): Rgb => ({ r, g, b });

export function mixRgb(a: Rgb, b: Rgb, t: number): Rgb {
  return { r: mix(a.r, b.r, t), g: mix(a.g, b.g, t), b: mix(a.b, b.b, t) };
}

export function scaleRgb(c: Rgb, k: number): Rgb {
  return { r: clamp01(c.r * k), g: clamp01(c.g * k), b: clamp01(c.b * k) };
}

/** HSV → RGB, hue in turns (wraps). Piecewise linear, so exact everywhere. */
export function hsv(h: number, s: number, v: number): Rgb {
  const hh = (h - Math.floor(h)) * 6;
  const i = Math.floor(hh);
  const f = hh - i;
  const p = v * (1 - s);
  const q = v * (1 - s * f);
  const t = v * (1 - s * (1 - f));
  switch (i) {
    case 0: return rgb(v, t, p);
    case 1: return rgb(q, v, p);
    case 2: return rgb(p, v, t);
    case 3: return rgb(p, q, v);
    case 4: return rgb(t, p, v);
    default: return rgb(v, p, q);
  }
}

/** [cos, sin] of an angle in turns, by Taylor series: deterministic across engines. */
export function sinCos(turns: number): [number, number] {
  const x = (turns - Math.round(turns)) * 2 * Math.PI; // [-π, π]
  const x2 = x * x;
  let s = 0;
  let c = 0;
  // Horner from degree 24/25 down; |error| < 2e-13 on [-π, π].
  for (let k = 12; k >= 1; k--) {
    s = 1 - (x2 / ((2 * k) * (2 * k + 1))) * s;
    c = 1 - (x2 / ((2 * k - 1) * (2 * k))) * c;
  }
  return [c, s * x];
}

export function pose(cx: number, cy: number, scale: number, turns: number, bound = 1.05): Pose {
  const [cos, sin] = sinCos(turns);
  return { cx, cy, scale, cos, sin, bound };
}

/** Triangle wave in [0, 1] with period 1 (a sine stand-in that needs no Math.sin). */
export function tri(t: number): number {
  const f = t - Math.floor(t);
  return f < 0.5 ? 2 * f : 2 - 2 * f;
}

// ---- scratch arrays (painting is synchronous and not re-entrant) ----

const U = new Float64Array(AREA);
const V = new Float64Array(AREA);
const D = new Float64Array(AREA);
const A = new Float64Array(AREA);
const IDX = new Int32Array(AREA);
const COL: ColourRun = { r: new Float64Array(AREA), g: new Float64Array(AREA), b: new Float64Array(AREA) };
const pool: Float64Array[] = [];
let depth = 0;

/** Temporary distance arrays for combinators, borrowed and returned in stack order. */
function borrow(): Float64Array {
  if (depth === pool.length) pool.push(new Float64Array(AREA));
  return pool[depth++];
}
function giveBack(): void {
  depth--;
}

// ---- shapes (local units) ----

export const circle = (r: number, cu = 0, cv = 0): Sdf => (u, v, d, n) => {
  for (let i = 0; i < n; i++) {
    const x = u[i] - cu;
    const y = v[i] - cv;
    d[i] = Math.sqrt(x * x + y * y) - r;
  }
};

export const box = (bx: number, by: number, cu = 0, cv = 0): Sdf => (u, v, d, n) => {
  for (let i = 0; i < n; i++) {
    const qx = Math.abs(u[i] - cu) - bx;
    const qy = Math.abs(v[i] - cv) - by;
    const ox = qx > 0 ? qx : 0;
    const oy = qy > 0 ? qy : 0;
    const inside = qx > qy ? qx : qy;
    d[i] = Math.sqrt(ox * ox + oy * oy) + (inside < 0 ? inside : 0);
  }
};

/** Rhombus with half-diagonals a (along u) and b (along v); exact on the edges. */
export const rhombus = (a: number, b: number): Sdf => (u, v, d, n) => {
  const k = (a * b) / Math.sqrt(a * a + b * b);
  for (let i = 0; i < n; i++) d[i] = (Math.abs(u[i]) / a + Math.abs(v[i]) / b - 1) * k;
};

/** Equilateral triangle of circumradius r around its centroid, pointing up (−v). */
export const triangle = (r: number): Sdf => (u, v, d, n) => {
  const k = Math.sqrt(3);
  const half = (r * k) / 2; // half the side
  const lim = r * k;
  for (let i = 0; i < n; i++) {
    // Inigo Quilez's equilateral triangle, flipped so the apex is up in image space.
    let px = Math.abs(u[i]) - half;
    let py = -v[i] + r / 2;
    if (px + k * py > 0) {
      const nx = (px - k * py) / 2;
      py = (-k * px - py) / 2;
      px = nx;
    }
    px -= px < -lim ? -lim : px > 0 ? 0 : px;
    const len = Math.sqrt(px * px + py * py);
    d[i] = py < 0 ? len : -len;
  }
};

/** A shell of half-width w around the outline of s (rings, frames, arcs). */
export const onion = (s: Sdf, w: number): Sdf => (u, v, d, n) => {
  s(u, v, d, n);
  for (let i = 0; i < n; i++) d[i] = Math.abs(d[i]) - w;
};

/** s grown by r (rounded corners). */
export const inflate = (s: Sdf, r: number): Sdf => (u, v, d, n) => {
  s(u, v, d, n);
  for (let i = 0; i < n; i++) d[i] -= r;
};

export const union = (...shapes: Sdf[]): Sdf => (u, v, d, n) => {
  shapes[0](u, v, d, n);
  const t = borrow();
  for (let s = 1; s < shapes.length; s++) {
    shapes[s](u, v, t, n);
    for (let i = 0; i < n; i++) if (t[i] < d[i]) d[i] = t[i];
  }
  giveBack();
};

/** a with b cut away. */
export const subtract = (a: Sdf, b: Sdf): Sdf => (u, v, d, n) => {
  a(u, v, d, n);
  const t = borrow();
  b(u, v, t, n);
  for (let i = 0; i < n; i++) if (-t[i] > d[i]) d[i] = -t[i];
  giveBack();
};

/** Union with a polynomial smooth minimum: circles melt into one blob. */
export const smoothUnion = (k: number, ...shapes: Sdf[]): Sdf => (u, v, d, n) => {
  shapes[0](u, v, d, n);
  const t = borrow();
  for (let s = 1; s < shapes.length; s++) {
    shapes[s](u, v, t, n);
    for (let i = 0; i < n; i++) {
      const a = d[i];
      const b = t[i];
      const h = k - Math.abs(a - b);
      d[i] = (a < b ? a : b) - (h > 0 ? (h * h) / (4 * k) : 0);
    }
  }
  giveBack();
};

// ---- fills ----

export const solid = (col: Rgb): Fill => (_u, _v, n, out) => {
  out.r.fill(col.r, 0, n);
  out.g.fill(col.g, 0, n);
  out.b.fill(col.b, 0, n);
};

/** Lit from the upper left: brighter towards (−0.4, −0.4), darker on the far side. */
export const shaded = (col: Rgb, strength = 0.5): Fill => (u, v, n, out) => {
  for (let i = 0; i < n; i++) {
    const du = u[i] + 0.4;
    const dv = v[i] + 0.4;
    const k = 1 + strength * (0.6 - Math.sqrt(du * du + dv * dv));
    out.r[i] = clamp01(col.r * k);
    out.g[i] = clamp01(col.g * k);
    out.b[i] = clamp01(col.b * k);
  }
};

/** Two flat colours: `a` on the top half (v < 0), the left half (u < 0), or two quadrants. */
export const twoTone = (a: Rgb, b: Rgb, split: 'v' | 'u' | 'quadrants'): Fill => (u, v, n, out) => {
  for (let i = 0; i < n; i++) {
    const first = split === 'v' ? v[i] < 0 : split === 'u' ? u[i] < 0 : (u[i] < 0) !== (v[i] < 0);
    const c = first ? a : b;
    out.r[i] = c.r;
    out.g[i] = c.g;
    out.b[i] = c.b;
  }
};

/**
 * Bands along u, `perUnit` cycles per local unit, bent by a triangle wave of
 * amplitude `wave` (zigzags); `pxPerCycle` turns the distance to a band edge into
 * pixels for anti-aliasing.
 */
export const bands = (a: Rgb, b: Rgb, perUnit: number, wave: number, pxPerCycle: number): Fill => (u, v, n, out) => {
  for (let i = 0; i < n; i++) {
    const t = u[i] * perUnit + wave * tri(v[i] * 1.2);
    const f = t - Math.floor(t);
    const w = clamp01(0.5 - (Math.abs(f - 0.5) - 0.25) * pxPerCycle); // 1 in the middle half: colour b
    out.r[i] = mix(a.r, b.r, w);
    out.g[i] = mix(a.g, b.g, w);
    out.b[i] = mix(a.b, b.b, w);
  }
};

/** Checkerboard of cells `cellPx` wide, or a polka-dot grid when `dots`. */
export const checks = (a: Rgb, b: Rgb, perUnit: number, cellPx: number, dots: boolean): Fill => (u, v, n, out) => {
  for (let i = 0; i < n; i++) {
    const x = u[i] * perUnit;
    const y = v[i] * perUnit;
    const fx = x - Math.floor(x) - 0.5;
    const fy = y - Math.floor(y) - 0.5;
    let w: number;
    if (dots) {
      w = clamp01(0.5 - (Math.sqrt(fx * fx + fy * fy) - 0.28) * cellPx);
    } else {
      // Distance to the nearest cell edge, in pixels, softens the boundary.
      const edge = (0.5 - Math.max(Math.abs(fx), Math.abs(fy))) * cellPx;
      const t = clamp01(0.5 + edge);
      w = (Math.floor(x) + Math.floor(y)) & 1 ? t : 1 - t;
    }
    out.r[i] = mix(a.r, b.r, w);
    out.g[i] = mix(a.g, b.g, w);
    out.b[i] = mix(a.b, b.b, w);
  }
};

/** A fill with a stripe of colour `col` where |v| < halfWidth drawn over it. */
export const withCentreLine = (base: Fill, col: Rgb, halfWidth: number): Fill => (u, v, n, out) => {
  base(u, v, n, out);
  for (let i = 0; i < n; i++) {
    if (Math.abs(v[i]) < halfWidth) {
      out.r[i] = col.r;
      out.g[i] = col.g;
      out.b[i] = col.b;
    }
  }
};

// ---- painting ----

/**
 * Paint a shape over the canvas. Coverage is 0.5 − distance (in pixels), clamped to
 * [0, 1]: one-pixel anti-aliasing; `soft` widens that edge (shadows).
 */
export function paint(c: Canvas, sdf: Sdf, p: Pose, fill: Fill, opacity = 1, soft = 1): void {
  // Poses come in several object shapes (spread copies), so read them once into locals.
  const { cx, cy, cos, sin, scale } = p;
  const reach = p.bound * scale + soft + 0.75;
  const x0 = Math.max(0, Math.floor(cx - reach));
  const x1 = Math.min(N - 1, Math.ceil(cx + reach));
  const y0 = Math.max(0, Math.floor(cy - reach));
  const y1 = Math.min(N - 1, Math.ceil(cy + reach));
  const inv = 1 / scale;
  const reach2 = reach * reach;
  let n = 0;
  for (let y = y0; y <= y1; y++) {
    const dy = y + 0.5 - cy;
    for (let x = x0; x <= x1; x++) {
      const dx = x + 0.5 - cx;
      if (dx * dx + dy * dy > reach2) continue;
      U[n] = (dx * cos + dy * sin) * inv;
      V[n] = (dy * cos - dx * sin) * inv;
      IDX[n] = y * N + x;
      n++;
    }
  }
  sdf(U, V, D, n);
  // Keep only covered pixels, then colour and blend them.
  const k = scale / soft;
  let m = 0;
  for (let i = 0; i < n; i++) {
    const a = 0.5 - D[i] * k;
    if (a <= 0) continue;
    A[m] = (a > 1 ? 1 : a) * opacity;
    U[m] = U[i];
    V[m] = V[i];
    IDX[m] = IDX[i];
    m++;
  }
  fill(U, V, m, COL);
  const { r, g, b } = c;
  const cr = COL.r;
  const cg = COL.g;
  const cb = COL.b;
  for (let i = 0; i < m; i++) {
    const j = IDX[i];
    const a = A[i];
    r[j] += (cr[i] - r[j]) * a;
    g[j] += (cg[i] - g[j]) * a;
    b[j] += (cb[i] - b[j]) * a;
  }
}
