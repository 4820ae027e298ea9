import type { ExperimentResults } from '../../workers/engine/experiment/results';
import { summaryRows } from '../../workers/engine/experiment/summary-table';

const pct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '—');
const num = (v: number | null, d = 3) => (v === null || !Number.isFinite(v) ? '—' : v.toFixed(d));

/** The methods-as-rows table the README and closing notes quote. */
export function printResultsTable(r: ExperimentResults): void {
  const mean = (xs?: number[]) => (xs && xs.length ? xs.reduce((s, v) => s + v, 0) / xs.length : NaN);
  const head = ['method', 'forget acc', 'retain acc', 'val acc', 'KLoM F p95', 'KLoM R p95', 'KLoM V p95', 'U-LiRA AUC', 'pop. MIA', 'NeurIPS', 'time', '× Retrain', 'ASR', 'F acc (true labels)'];
  const rows: string[][] = [];
  const ref = (name: string, o: ExperimentResults['reference']['originals'] | null) =>
    o && rows.push([name, pct(mean(o.accuracy.forget)), pct(mean(o.accuracy.retain)), pct(mean(o.accuracy.validation)), '', '', '', '', '', '', '', '', o.attackSuccess ? pct(mean(o.attackSuccess)) : '', o.forgetTrueLabelAccuracy ? pct(mean(o.forgetTrueLabelAccuracy)) : '']);
  ref('(originals)', r.reference.originals);
  ref('(oracles)', r.reference.oracles);
  const f = r.reference.noiseFloor;
  if (f) rows.push(['(noise floor)', '', '', '', num(f.forget.summary.p95), num(f.retain.summary.p95), num(f.validation.summary.p95), '', '', '', '', '', '', '']);
  for (const s of summaryRows(r)) {
    rows.push([
      s.status === 'ok' ? s.method : `${s.method} [${s.status}]`,
      pct(s.forgetAcc),
      pct(s.retainAcc),
      pct(s.validationAcc),
      num(s.klomForgetP95),
      num(s.klomRetainP95),
      num(s.klomValidationP95),
      num(s.uliraAuc),
      num(s.populationMia),
      num(s.neuripsScore),
      `${s.seconds.toFixed(1)}s`,
      num(s.relativeCost, 3),
      s.attackSuccess === null ? '' : pct(s.attackSuccess),
      s.trueLabelForgetAcc === null ? '' : pct(s.trueLabelForgetAcc),
    ]);
  }
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
  for (const at of r.attribution) console.log(`datamodels: ${at.estimator}, ${at.modelsTrained} models trained, ${at.seconds.toFixed(1)}s${at.lds !== undefined ? `, LDS ${at.lds.toFixed(3)}` : ''}${at.fromCache ? ' (cached)' : ''}`);
  console.log(`Retrain cost (N oracles): ${r.retrainSeconds.toFixed(1)}s; stages: ${Object.entries(r.timings).map(([k, v]) => `${k} ${v.toFixed(1)}s`).join(', ')}`);
}
