/**
 * Pure helpers that turn a results file (complete or partial) into chart rows. No
 * React here, so every number a chart shows can be traced to the results by a test.
 */
import type { ExperimentResults, MethodResult } from '../../../workers/entry/lab-api';

export type Group = 'forget' | 'retain' | 'validation';
export const GROUPS: Group[] = ['forget', 'retain', 'validation'];
export const GROUP_LABEL: Record<Group, string> = { forget: 'Forget', retain: 'Retain', validation: 'Validation' };

export const mean = (xs: readonly number[] | undefined | null): number =>
  xs && xs.length ? xs.reduce((s, v) => s + v, 0) / xs.length : NaN;

/** A stable key per method row (the same method may appear twice with other settings). */
export const methodKey = (_m: MethodResult, i: number) => `m${i}`;

/** Sorted-quantile by linear interpolation (type 7, as the engine's summary). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Mean oracle accuracy per group, from the reference or any evaluated method. */
export function oracleAccuracy(r: ExperimentResults, g: Group): number {
  if (r.reference.oracles) return mean(r.reference.oracles.accuracy[g]);
  const m = r.methods.find((x) => x.evaluation);
  return m?.evaluation ? m.evaluation.oracleAccuracy[g].mean : NaN;
}

export function originalAccuracy(r: ExperimentResults, g: Group): number {
  if (r.reference.originals) return mean(r.reference.originals.accuracy[g]);
  const none = r.methods.find((x) => x.id === 'none' && x.outputs);
  return none ? mean(none.outputs!.accuracy[g]) : NaN;
}

export interface KlomBox {
  key: string;
  label: string;
  id: string;
  p25: number;
  median: number;
  p75: number;
  p95: number;
  max: number;
  box: [number, number];
  whisker: [number, number];
}

export function klomBoxes(r: ExperimentResults, g: Group): KlomBox[] {
  return r.methods.flatMap((m, i) => {
    if (!m.evaluation) return [];
    const k = m.evaluation.klom[g];
    const sorted = [...k.perPoint].sort((a, b) => a - b);
    const p25 = quantile(sorted, 0.25);
    const p75 = quantile(sorted, 0.75);
    return [{
      key: methodKey(m, i), label: m.label, id: m.id, p25, median: k.summary.median, p75, p95: k.summary.p95, max: k.summary.max,
      box: [p25, p75] as [number, number], whisker: [sorted[0], k.summary.p95] as [number, number],
    }];
  });
}

/** The label a forget point has in the results (training label). */
export function forgetPointIds(r: ExperimentResults): number[] {
  return r.points.forget;
}

/** Margins of one forget point under each model of an ensemble's outputs. */
export function pointMargins(margins: number[][] | undefined, point: number): number[] {
  return margins ? margins.map((row) => row[point]).filter((v) => Number.isFinite(v)) : [];
}

export const pct = (v: number | null | undefined, digits = 1) =>
  v == null || !Number.isFinite(v) ? '—' : `${(v * 100).toFixed(digits)}%`;
export const num = (v: number | null | undefined, digits = 3) =>
  v == null || !Number.isFinite(v) ? '—' : v.toFixed(digits);

/** A label's box in pixels (y grows downwards, as on screen). */
export interface LabelBox { left: number; top: number; right: number; bottom: number }
/** Where a label went: its box, and whether it sits away from its dot (then a leader line joins them). */
export interface PlacedLabel { box: LabelBox; leader: boolean }

/**
 * Places each dot's label in the first of a few spots around it (right, above right, left,
 * below right, above left, then up to `maxLift` lines higher with a leader line) whose box is
 * inside `bounds` and clear of every label placed before it and of every other dot; a label
 * with no clear spot is left out (null), so no label is ever drawn over another or over a
 * dot. Placement goes left to right, so the leftmost (closest to Retrain) labels come first.
 * `x`, `y`, `r` are a dot's centre and radius, `width` its label's drawn width, `height` one line.
 */
export function placeLabels(
  dots: readonly { x: number; y: number; r: number; width: number }[],
  opts: { height: number; gap: number; maxLift: number; bounds: LabelBox },
): (PlacedLabel | null)[] {
  const { height: h, gap } = opts;
  const box = (left: number, top: number, w: number): LabelBox => ({ left, top, right: left + w, bottom: top + h });
  const spots = (d: (typeof dots)[number]): PlacedLabel[] => {
    const c = d.r * Math.SQRT1_2; // a corner of the dot's square inscribed in its circle
    const w = d.width;
    const near = [
      box(d.x + d.r + gap, d.y - h / 2, w),
      box(d.x + c, d.y - c - gap - h, w),
      box(d.x - d.r - gap - w, d.y - h / 2, w),
      box(d.x + c, d.y + c + gap, w),
      box(d.x - c - w, d.y - c - gap - h, w),
    ].map((b) => ({ box: b, leader: false }));
    const lifted = Array.from({ length: opts.maxLift }, (_, k) => ({ box: box(d.x + c, d.y - d.r - gap - (k + 2) * (h + 1), w), leader: true }));
    return [...near, ...lifted];
  };
  const apart = (a: LabelBox, b: LabelBox) => a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
  const inside = (a: LabelBox) => a.left >= opts.bounds.left && a.right <= opts.bounds.right && a.top >= opts.bounds.top && a.bottom <= opts.bounds.bottom;
  const clearOfDot = (a: LabelBox, d: (typeof dots)[number]) => {
    const dx = d.x - Math.min(Math.max(d.x, a.left), a.right);
    const dy = d.y - Math.min(Math.max(d.y, a.top), a.bottom);
    return dx * dx + dy * dy >= d.r * d.r;
  };
  const placed: LabelBox[] = [];
  const out = new Array<PlacedLabel | null>(dots.length).fill(null);
  const order = dots.map((_, i) => i).sort((a, b) => dots[a].x - dots[b].x);
  for (const i of order) {
    const spot = spots(dots[i]).find(
      (s) => inside(s.box) && placed.every((p) => apart(p, s.box)) && dots.every((d, j) => j === i || clearOfDot(s.box, d)),
    );
    if (spot) {
      out[i] = spot;
      placed.push(spot.box);
    }
  }
  return out;
}

/** Class-wise accuracy from a confusion matrix [true][predicted]: the diagonal over each row's total; null for an empty row. */
export function classAccuracy(confusion: readonly (readonly number[])[] | undefined): (number | null)[] {
  return (confusion ?? []).map((row, c) => {
    const total = row.reduce((s, v) => s + v, 0);
    return total > 0 ? row[c] / total : null;
  });
}

/** Each row of a confusion matrix as fractions of its total (a row with no points stays 0). */
export function rowFractions(confusion: readonly (readonly number[])[]): number[][] {
  return confusion.map((row) => {
    const total = row.reduce((s, v) => s + v, 0);
    return row.map((v) => (total > 0 ? v / total : 0));
  });
}
