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

/**
 * How far above its dot each label sits, in lines: left to right, each label takes the
 * lowest line where its box (`width` wide, `lineHeight` tall, both in data units, raised
 * `level` lines above the dot) overlaps no label placed before it. Methods with
 * near-identical scores then stay readable instead of printing over each other.
 */
export function labelLevels(points: readonly { x: number; y: number; width: number }[], lineHeight: number): number[] {
  const levels = new Array<number>(points.length).fill(0);
  const placed: number[] = [];
  const labelY = (i: number, level: number) => points[i].y + level * lineHeight;
  const overlaps = (i: number, level: number, j: number) =>
    Math.abs(points[j].x - points[i].x) < (points[i].width + points[j].width) / 2 &&
    Math.abs(labelY(j, levels[j]) - labelY(i, level)) < lineHeight;
  const order = points.map((_, i) => i).sort((a, b) => points[a].x - points[b].x);
  for (const i of order) {
    let level = 0;
    while (placed.some((j) => overlaps(i, level, j))) level++;
    levels[i] = level;
    placed.push(i);
  }
  return levels;
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
