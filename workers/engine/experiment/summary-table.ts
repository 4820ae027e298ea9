import type { ExperimentResults, MethodResult } from './results';

/** One row per method: the numbers a reader compares first (also the CSV export). */
export interface SummaryRow {
  method: string;
  status: string;
  forgetAcc: number;
  retainAcc: number;
  validationAcc: number;
  klomForgetP95: number | null;
  klomRetainP95: number | null;
  klomValidationP95: number | null;
  uliraAuc: number | null;
  populationMia: number | null;
  neuripsScore: number | null;
  seconds: number;
  relativeCost: number;
  attackSuccess: number | null;
  /** Mislabeled/backdoor scenarios: accuracy on the forget points against their true labels. */
  trueLabelForgetAcc: number | null;
}

const mean = (xs: number[] | undefined) => (xs && xs.length ? xs.reduce((s, v) => s + v, 0) / xs.length : NaN);

function row(m: MethodResult): SummaryRow {
  const e = m.evaluation;
  return {
    method: m.label,
    status: m.status,
    forgetAcc: mean(m.outputs?.accuracy.forget),
    retainAcc: mean(m.outputs?.accuracy.retain),
    validationAcc: mean(m.outputs?.accuracy.validation),
    klomForgetP95: e?.klom.forget.summary.p95 ?? null,
    klomRetainP95: e?.klom.retain.summary.p95 ?? null,
    klomValidationP95: e?.klom.validation.summary.p95 ?? null,
    uliraAuc: e && e.ulira.status === 'ok' ? e.ulira.auc : null,
    populationMia: e?.populationMia.meanAccuracy ?? null,
    neuripsScore: e?.neurips.finalScore ?? null,
    seconds: m.cost.seconds,
    relativeCost: m.cost.relativeToRetrain,
    attackSuccess: m.outputs?.attackSuccess ? mean(m.outputs.attackSuccess) : null,
    trueLabelForgetAcc: m.outputs?.forgetTrueLabelAccuracy ? mean(m.outputs.forgetTrueLabelAccuracy) : null,
  };
}

/** Rows for every method, plus the references (originals = "before", oracles = Retrain's reference). */
export function summaryRows(r: ExperimentResults): SummaryRow[] {
  return r.methods.map(row);
}

export function resultsToCsv(r: ExperimentResults): string {
  const rows = summaryRows(r);
  const cols = Object.keys(rows[0] ?? row({ label: '', status: '', cost: { seconds: 0, relativeToRetrain: 0 }, outputs: null, evaluation: null } as unknown as MethodResult)) as (keyof SummaryRow)[];
  const cell = (v: unknown) => (v === null || (typeof v === 'number' && !Number.isFinite(v)) ? '' : typeof v === 'string' ? `"${v.replace(/"/g, '""')}"` : String(v));
  const floor = r.reference.noiseFloor;
  const lines = [cols.join(','), ...rows.map((x) => cols.map((c) => cell(x[c])).join(','))];
  if (floor) {
    const cells = cols.map((c) => (c === 'method' ? '"Noise floor (oracles vs oracles)"' : c === 'klomForgetP95' ? floor.forget.summary.p95 : c === 'klomRetainP95' ? floor.retain.summary.p95 : c === 'klomValidationP95' ? floor.validation.summary.p95 : ''));
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}
