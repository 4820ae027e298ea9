/**
 * The summary table's ONE column spec: the page's table, the CSV export and the CLI's
 * printout all read these columns, so a number has one name wherever it appears. Rows are
 * the methods, then the references (originals, oracles, the noise floor).
 */
import Papa from 'papaparse';
import { GROUPS } from '../metrics/by-group';
import type { ExperimentResults, MethodResult } from './results';
import { verdictOf, type VerdictKind } from './verdict';

export interface SummaryRow {
  method: string;
  /** 'ok' | 'diverged' | 'failed' for methods; 'reference' for the reference rows. */
  status: string;
  rank: number | null;
  verdict: string;
  verdictKind: VerdictKind | null;
  forgetAcc: number | null;
  retainAcc: number | null;
  validationAcc: number | null;
  klomForgetP95: number | null;
  klomRetainP95: number | null;
  klomValidationP95: number | null;
  uliraAuc: number | null;
  populationMia: number | null;
  neuripsScore: number | null;
  seconds: number | null;
  relativeCost: number | null;
  attackSuccess: number | null;
  /** Mislabeled/backdoor scenarios: accuracy on the forget points against their true labels. */
  trueLabelForgetAcc: number | null;
  /** DMM / DM-direct: the attribution's forget accuracy for the retrained model, and its group-removal r. */
  predictedForgetAcc: number | null;
  groupRemovalScore: number | null;
  /**
   * Mean |accuracy − Retrain's| over forget, retain and validation, Retrain's being the
   * oracles' (ensemble means): how unlearning papers choose hyperparameters ("average gap").
   */
  gapToRetrain: number | null;
}

export type ColumnFormat = 'text' | 'rank' | 'percent' | 'number' | 'seconds' | 'ratio';

export interface Column {
  key: keyof SummaryRow;
  /** The header in the page and the CLI (the CSV uses `key`). */
  header: string;
  format: ColumnFormat;
  /** Shown only when some row has a value (scenario-specific columns). */
  optional?: boolean;
  /** Left out of the page's table (still in the CSV and the CLI). */
  detail?: boolean;
}

export const COLUMNS: readonly Column[] = [
  { key: 'rank', header: 'Rank', format: 'rank' },
  { key: 'method', header: 'Method', format: 'text' },
  { key: 'verdict', header: 'Verdict', format: 'text' },
  { key: 'klomForgetP95', header: 'KLoM p95 (forget)', format: 'number' },
  { key: 'uliraAuc', header: 'U-LiRA AUC', format: 'number' },
  { key: 'forgetAcc', header: 'Forget acc.', format: 'percent' },
  { key: 'retainAcc', header: 'Retain acc.', format: 'percent' },
  { key: 'validationAcc', header: 'Validation acc.', format: 'percent' },
  { key: 'klomRetainP95', header: 'KLoM p95 (retain)', format: 'number', detail: true },
  { key: 'klomValidationP95', header: 'KLoM p95 (validation)', format: 'number', detail: true },
  { key: 'populationMia', header: 'Pop. MIA', format: 'percent' },
  { key: 'neuripsScore', header: 'NeurIPS score', format: 'number' },
  { key: 'attackSuccess', header: 'Attack success', format: 'percent', optional: true },
  { key: 'trueLabelForgetAcc', header: 'Forget acc. (true labels)', format: 'percent', optional: true },
  { key: 'predictedForgetAcc', header: 'Predicted forget acc.', format: 'percent', optional: true },
  { key: 'groupRemovalScore', header: 'Group-removal r', format: 'number', optional: true },
  { key: 'gapToRetrain', header: 'Avg. gap to Retrain', format: 'percent' },
  { key: 'seconds', header: 'Time', format: 'seconds' },
  { key: 'relativeCost', header: '× Retrain', format: 'ratio' },
  { key: 'status', header: 'Status', format: 'text', detail: true },
];

const mean = (xs: number[] | undefined) => (xs && xs.length ? xs.reduce((s, v) => s + v, 0) / xs.length : null);
const finite = (v: number | null | undefined) => (v == null || !Number.isFinite(v) ? null : v);

const EMPTY: Omit<SummaryRow, 'method' | 'status'> = {
  rank: null, verdict: '', verdictKind: null, forgetAcc: null, retainAcc: null, validationAcc: null, klomForgetP95: null, klomRetainP95: null,
  klomValidationP95: null, uliraAuc: null, populationMia: null, neuripsScore: null, seconds: null, relativeCost: null, attackSuccess: null, trueLabelForgetAcc: null,
  predictedForgetAcc: null, groupRemovalScore: null, gapToRetrain: null,
};

type Accuracies = { forget: number[]; retain: number[]; validation: number[] };

/** Mean absolute difference of the three groups' mean accuracies; null if either side lacks one. */
export function accuracyGap(a: Accuracies | undefined, b: Accuracies | undefined): number | null {
  if (!a || !b) return null;
  const gaps = GROUPS.map((g) => {
    const x = mean(a[g]);
    const y = mean(b[g]);
    return x == null || y == null ? null : Math.abs(x - y);
  });
  return gaps.some((v) => v == null) ? null : (gaps as number[]).reduce((s, v) => s + v, 0) / 3;
}

function methodRow(m: MethodResult, verdict: { rank: number | null; sentence: string; kind: VerdictKind }, retrain: Accuracies | undefined): SummaryRow {
  const e = m.evaluation;
  return {
    method: m.label,
    status: m.status,
    rank: verdict.rank,
    verdict: verdict.sentence,
    verdictKind: verdict.kind,
    forgetAcc: mean(m.outputs?.accuracy.forget),
    retainAcc: mean(m.outputs?.accuracy.retain),
    validationAcc: mean(m.outputs?.accuracy.validation),
    klomForgetP95: e?.klom.forget.summary.p95 ?? null,
    klomRetainP95: e?.klom.retain.summary.p95 ?? null,
    klomValidationP95: e?.klom.validation.summary.p95 ?? null,
    uliraAuc: e && e.ulira.status === 'ok' ? e.ulira.auc : null,
    populationMia: e?.populationMia.meanAccuracy ?? null,
    neuripsScore: e?.neurips.finalScore ?? null,
    seconds: finite(m.cost.seconds),
    relativeCost: finite(m.cost.relativeToRetrain),
    attackSuccess: mean(m.outputs?.attackSuccess),
    trueLabelForgetAcc: mean(m.outputs?.forgetTrueLabelAccuracy),
    predictedForgetAcc: m.attributionCheck?.predictedAccuracy.forget ?? null,
    groupRemovalScore: finite(m.attributionCheck?.groupRemoval.all),
    gapToRetrain: accuracyGap(m.outputs?.accuracy, retrain),
  };
}

/** One row per method, in run order, with its rank and verdict (verdict.ts). */
export function summaryRows(r: ExperimentResults): SummaryRow[] {
  const verdict = verdictOf(r);
  const retrain = r.reference.oracles?.accuracy;
  return r.methods.map((m, i) => methodRow(m, verdict.methods[i], retrain));
}

/**
 * The order rows are shown in: Retrain (the target) first, then the ranked methods, closest
 * first, then Do nothing, then methods without a verdict; run order breaks ties.
 */
export function displayOrder(rows: readonly SummaryRow[]): number[] {
  const place = (r: SummaryRow) => (r.verdictKind === 'target' ? -1 : r.rank != null ? r.rank : r.verdictKind === 'baseline' ? 1e6 : 2e6);
  return rows.map((_, i) => i).sort((a, b) => place(rows[a]) - place(rows[b]) || a - b);
}

/** The reference rows: the originals ("before"), the oracles (Retrain's reference) and the noise floor. */
export function referenceRows(r: ExperimentResults): SummaryRow[] {
  const rows: SummaryRow[] = [];
  const ensemble = (method: string, o: ExperimentResults['reference']['originals'] | null | undefined) => {
    if (!o) return;
    rows.push({
      ...EMPTY, method, status: 'reference',
      forgetAcc: mean(o.accuracy.forget), retainAcc: mean(o.accuracy.retain), validationAcc: mean(o.accuracy.validation),
      attackSuccess: mean(o.attackSuccess), trueLabelForgetAcc: mean(o.forgetTrueLabelAccuracy),
    });
  };
  ensemble('Originals (before unlearning)', r.reference.originals);
  ensemble('Oracles (retrained on the retain set)', r.reference.oracles);
  const f = r.reference.noiseFloor;
  if (f) rows.push({ ...EMPTY, method: 'Noise floor (oracles vs oracles)', status: 'reference', klomForgetP95: f.forget.summary.p95, klomRetainP95: f.retain.summary.p95, klomValidationP95: f.validation.summary.p95 });
  return rows;
}

/** The columns to show for these rows: optional ones only when some row fills them. */
export function columnsFor(rows: readonly SummaryRow[], where: 'page' | 'full'): Column[] {
  return COLUMNS.filter((c) => (where === 'full' || !c.detail) && (!c.optional || rows.some((r) => r[c.key] != null)));
}

/** A cell as the page and the CLI print it ('—' for a missing number). */
export function formatCell(c: Column, row: SummaryRow): string {
  const v = row[c.key];
  if (c.format === 'text') return v == null ? '' : String(v);
  if (c.format === 'rank') return v == null ? '' : `#${v}`;
  if (typeof v !== 'number' || !Number.isFinite(v)) return row.status === 'reference' ? '' : '—';
  switch (c.format) {
    case 'percent':
      return `${(v * 100).toFixed(1)}%`;
    case 'number':
      return v.toFixed(3);
    case 'seconds':
      return v < 10 ? `${v.toFixed(1)} s` : `${Math.round(v)} s`;
    case 'ratio':
      return v.toFixed(2);
  }
}

export function resultsToCsv(r: ExperimentResults): string {
  const methods = summaryRows(r);
  return rowsToCsv([...displayOrder(methods).map((i) => methods[i]), ...referenceRows(r)]);
}

/**
 * The rows as CSV by papaparse (quoting, escaping, one header of column keys). A missing
 * number (null, NaN, ±∞) is an empty cell, never "NaN", so spreadsheets read the column as numbers.
 */
export function rowsToCsv(rows: SummaryRow[]): string {
  const cell = (v: unknown) => (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v)) ? null : v);
  const data = rows.map((x) => COLUMNS.map((c) => cell(x[c.key])));
  return `${Papa.unparse({ fields: COLUMNS.map((c) => c.key), data }, { newline: '\n', quotes: (v) => typeof v === 'string' })}\n`;
}
