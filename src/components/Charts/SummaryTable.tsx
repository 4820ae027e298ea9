/** Methods as rows, the numbers a reader compares first (the same rows as the CSV export). Click a row to inspect that method's margins. */
import type { ExperimentResults } from '../../../workers/entry/lab-api';
import { summaryRows } from '../../../workers/engine/experiment/summary-table';
import { selectMethod, useRunStore } from '../../state/run-store';
import { ChartCard } from './ChartCard';
import { num, pct } from './chart-data';
import { methodColour } from './palette';
import styles from './Charts.module.css';

const seconds = (s: number) => (Number.isFinite(s) ? (s < 10 ? `${s.toFixed(1)} s` : `${Math.round(s)} s`) : '—');

export function SummaryTable({ results }: { results: ExperimentResults | null }) {
  const selected = useRunStore((s) => s.selectedMethod);
  // Room for every method the run asked for (plus header and noise floor), reserved up front.
  const planned = useRunStore((s) => s.experiment?.methods.length ?? 4);
  const height = 110 + 34 * (Math.max(planned, results?.methods.length ?? 0) + 1);
  const rows = results ? summaryRows(results) : [];
  const floor = results?.reference.noiseFloor;
  return (
    <ChartCard
      id="summary"
      title="Summary"
      height={height}
      wide
      exportable={false}
      empty={rows.length === 0 ? 'One row per method appears as each finishes.' : null}
      explanation="Accuracies are means over the N models. KLoM p95: the 95th percentile of per-point KLoM on the forget set (lower = closer to Retrain). AUC: U-LiRA (0.5 = forgotten). Pop. MIA: population attack accuracy. × Retrain: compute relative to retraining from scratch. Click a row to inspect its margins below."
    >
      <div className={styles.tableWrap}>
        <table className={`${styles.table} tabular`} data-testid="summary-table">
          <thead>
            <tr>
              <th>Method</th>
              <th>Forget acc.</th>
              <th>Retain acc.</th>
              <th>Validation acc.</th>
              <th>KLoM p95 (forget)</th>
              <th>U-LiRA AUC</th>
              <th>Pop. MIA</th>
              <th>NeurIPS score</th>
              {rows.some((r) => r.attackSuccess != null) && <th>Attack success</th>}
              <th>Time</th>
              <th>× Retrain</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => {
              const m = results!.methods[i];
              return (
                <tr key={i} aria-selected={i === selected} onClick={() => selectMethod(i)} data-testid="summary-row" data-method={m.id}>
                  <td>
                    <span className={styles.methodDot} style={{ background: methodColour(m.id) }} />
                    {r.method}
                  </td>
                  <td data-col="forgetAcc">{pct(r.forgetAcc)}</td>
                  <td data-col="retainAcc">{pct(r.retainAcc)}</td>
                  <td data-col="validationAcc">{pct(r.validationAcc)}</td>
                  <td data-col="klomForgetP95">{num(r.klomForgetP95)}</td>
                  <td data-col="uliraAuc">{num(r.uliraAuc)}</td>
                  <td data-col="populationMia">{pct(r.populationMia)}</td>
                  <td data-col="neuripsScore">{num(r.neuripsScore)}</td>
                  {rows.some((x) => x.attackSuccess != null) && <td>{pct(r.attackSuccess)}</td>}
                  <td>{seconds(r.seconds)}</td>
                  <td>{num(r.relativeCost, 2)}</td>
                  <td style={{ textAlign: 'left' }}>
                    <span className={styles.status} data-status={r.status} title={m.error ?? m.notes.join(' ')}>
                      {r.status}
                      {m.error ? `: ${m.error}` : ''}
                    </span>
                  </td>
                </tr>
              );
            })}
            {floor && (
              <tr className={styles.reference}>
                <td>Noise floor (oracles vs oracles)</td>
                <td />
                <td />
                <td />
                <td>{num(floor.forget.summary.p95)}</td>
                <td colSpan={8} />
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </ChartCard>
  );
}
