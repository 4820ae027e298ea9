/**
 * Methods as rows, with the same columns as the CSV and the CLI (summary-table.ts), ranked
 * by closeness to Retrain (verdict.ts), then the reference rows. Click a method to inspect
 * its margins.
 */
import type { ExperimentResults } from '../../../workers/entry/lab-api';
import { columnsFor, displayOrder, formatCell, referenceRows, summaryRows } from '../../../workers/engine/experiment/summary-table';
import { VERDICT_SHORT } from '../../../workers/engine/experiment/verdict';
import { selectMethod, useRunStore } from '../../state/run-store';
import { ChartCard } from './ChartCard';
import { methodColour } from './palette';
import styles from './Charts.module.css';

export function SummaryTable({ results }: { results: ExperimentResults | null }) {
  const selected = useRunStore((s) => s.selectedMethod);
  // Room for every method the run asked for (plus header and reference rows), reserved up front.
  const planned = useRunStore((s) => s.experiment?.methods.length ?? 4);
  const height = 110 + 34 * (Math.max(planned, results?.methods.length ?? 0) + 3);
  const rows = results ? summaryRows(results) : [];
  const refs = results ? referenceRows(results) : [];
  const cols = columnsFor([...rows, ...refs], 'page');
  return (
    <ChartCard
      id="summary"
      title="Summary"
      height={height}
      wide
      exportable={false}
      empty={rows.length === 0 ? 'One row per method appears as each finishes.' : null}
      explanation="Rank: closeness to Retrain on forget-set KLoM (the headline's order). Accuracies are means over the N models. KLoM p95: the 95th percentile of per-point KLoM on the forget set (lower = closer to Retrain; the noise floor row is two retrained ensembles against each other). AUC: U-LiRA (0.5 = the attack cannot tell it from Retrain). Pop. MIA: population attack accuracy. Avg. gap to Retrain: the mean distance of forget, retain and validation accuracy from the retrained models’ (how papers pick hyperparameters). × Retrain: compute relative to retraining from scratch. Click a row to inspect its margins below."
    >
      <div className={styles.tableWrap}>
        <table className={`${styles.table} tabular`} data-testid="summary-table">
          <thead>
            <tr>
              {cols.map((c) => (
                <th key={c.key} data-col={c.key}>
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {displayOrder(rows).map((i) => {
              const r = rows[i];
              const m = results!.methods[i];
              return (
                <tr key={i} aria-selected={i === selected} onClick={() => selectMethod(i)} data-testid="summary-row" data-method={m.id} data-rank={r.rank ?? ''}>
                  {cols.map((c) =>
                    c.key === 'method' ? (
                      <td key={c.key} data-col={c.key}>
                        <span className={styles.methodDot} style={{ background: methodColour(m.id) }} />
                        {r.method}
                      </td>
                    ) : c.key === 'verdict' ? (
                      <td key={c.key} data-col={c.key} style={{ textAlign: 'left' }}>
                        <span className={styles.status} data-status={r.verdictKind ?? ''} title={[r.verdict, ...m.notes].join(' ')}>
                          {r.verdictKind ? VERDICT_SHORT[r.verdictKind] : ''}
                        </span>
                      </td>
                    ) : (
                      <td key={c.key} data-col={c.key}>
                        {formatCell(c, r)}
                      </td>
                    ),
                  )}
                </tr>
              );
            })}
            {refs.map((r) => (
              <tr key={r.method} className={styles.reference} data-testid="reference-row">
                {cols.map((c) => (
                  <td key={c.key} data-col={c.key}>
                    {formatCell(c, r)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </ChartCard>
  );
}
