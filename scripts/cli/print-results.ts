import type { ExperimentResults } from '../../workers/engine/experiment/results';
import { columnsFor, displayOrder, formatCell, referenceRows, summaryRows } from '../../workers/engine/experiment/summary-table';
import { verdictOf } from '../../workers/engine/experiment/verdict';

/** The methods-as-rows table the README and closing notes quote: the page's columns (summary-table.ts), then the headline. */
export function printResultsTable(r: ExperimentResults): void {
  const methods = summaryRows(r);
  const all = [...displayOrder(methods).map((i) => methods[i]), ...referenceRows(r)];
  // The verdict sentence is long: it is printed under the table instead of in a column.
  const cols = columnsFor(all, 'full').filter((c) => c.key !== 'verdict');
  const rows = all.map((row) => cols.map((c) => formatCell(c, row)));
  const head = cols.map((c) => c.header);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((x) => x[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const x of rows) console.log(line(x));
  const verdict = verdictOf(r);
  console.log(`\n${verdict.headline}`);
  for (const v of verdict.methods) console.log(`  ${v.rank != null ? `#${v.rank} ` : ''}${v.label}: ${v.sentence}`);
  for (const at of r.attribution) console.log(`datamodels: ${at.estimator}, ${at.modelsTrained} models trained, ${at.seconds.toFixed(1)}s${at.lds !== undefined ? `, LDS ${at.lds.toFixed(3)}` : ''}${at.stepScale ? `, step scale ${at.stepScale.scale.toFixed(3)} (generalisation gap ${at.stepScale.gap.toFixed(2)} / predicted ${at.stepScale.predicted.toFixed(2)})` : ''}${at.fromCache ? ' (cached)' : ''}`);
  console.log(`Retrain cost (N oracles): ${r.retrainSeconds.toFixed(1)}s; stages: ${Object.entries(r.timings).map(([k, v]) => `${k} ${v.toFixed(1)}s`).join(', ')}`);
}
