/**
 * The strong and the weak membership test side by side: U-LiRA ROC curves per method
 * (per-example, against the oracles), and population MIA accuracy next to U-LiRA's
 * balanced accuracy, where 0.5 means "cannot tell" for both.
 */
import { Bar, BarChart, CartesianGrid, Cell, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ExperimentResults } from '../../../workers/entry/lab-api';
import { ChartCard } from './ChartCard';
import { methodKey, num, pct } from './chart-data';
import { methodAxis } from './method-axis';
import { methodColour, shortName } from './palette';
import styles from './Charts.module.css';

/** Constant props: recharts 3 re-registers reference elements on every render. */
const DIAGONAL = [{ fpr: 0, tpr: 0 }, { fpr: 1, tpr: 1 }];
/** To the right of the plot, at 50%: never over a bar. */
const CHANCE_LABEL = { value: 'chance', position: 'right', fontSize: 11, fill: '#3d4652' } as const;

export function RocChart({ results, height = 250, id = 'roc', title = 'Per-example membership attack (U-LiRA)' }: { results: ExperimentResults | null; height?: number; id?: string; title?: string }) {
  const curves = (results?.methods ?? []).flatMap((m, i) => {
    const u = m.evaluation?.ulira;
    if (!u || u.status !== 'ok') return [];
    return [{ key: methodKey(m, i), id: m.id, name: `${m.label} · AUC ${num(u.auc, 2)}`, short: shortName(m.id), auc: u.auc, data: u.roc.fpr.map((fpr, j) => ({ fpr, tpr: u.roc.tpr[j] })) }];
  });
  const notEnough = results?.methods.find((m) => m.evaluation?.ulira.status === 'not-enough-models');
  return (
    <ChartCard
      id={id}
      title={title}
      table={{
        columns: ['Method', 'U-LiRA AUC', 'TPR at 1% FPR', 'balanced acc.'],
        rows: (results?.methods ?? []).flatMap((m) => (m.evaluation?.ulira.status === 'ok' ? [[m.label, num(m.evaluation.ulira.auc), pct(m.evaluation.ulira.tprAt1PctFpr), pct(m.evaluation.ulira.balancedAccuracy)]] : [])),
      }}
      height={height}
      empty={curves.length === 0 ? (notEnough ? 'U-LiRA needs more models per ensemble (raise N).' : 'ROC curves appear as each method is evaluated.') : null}
      explanation="For each forget point the attack compares its margins under the unlearned models with those under oracles. A curve on the diagonal (AUC 0.5) means the attack cannot tell them apart: the point is truly forgotten."
    >
      <div className={styles.rocLayout}>
      <ul className={styles.rocLegend} aria-label="Methods and their AUC">
        {curves.map((c) => (
          <li key={c.key} title={c.name}>
            <span className={styles.methodDot} style={{ background: methodColour(c.id) }} />
            {c.short} <span className="tabular">{num(c.auc, 2)}</span>
          </li>
        ))}
      </ul>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart accessibilityLayer={false} margin={{ top: 4, right: 10, bottom: 14, left: -8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" dataKey="fpr" domain={[0, 1]} tickCount={6} tick={{ fontSize: 11 }} label={{ value: 'false positive rate', position: 'insideBottom', offset: -8, fontSize: 11 }} />
          <YAxis type="number" domain={[0, 1]} tickCount={6} tick={{ fontSize: 11 }} label={{ value: 'true positive rate', angle: -90, position: 'insideLeft', offset: 16, fontSize: 11 }} />
          <Line data={DIAGONAL} dataKey="tpr" name="chance (AUC 0.5)" stroke="#9aa5b1" strokeDasharray="4 3" dot={false} isAnimationActive={false} legendType="none" activeDot={false} />
          <Tooltip formatter={(v) => num(Number(v), 3)} labelFormatter={(v) => `FPR ${num(Number(v), 3)}`} />
          {curves.map((c) => (
            <Line key={c.key} data={c.data} dataKey="tpr" name={c.name} stroke={methodColour(c.id)} strokeWidth={2} dot={false} isAnimationActive={false} type="linear" />
          ))}
        </LineChart>
      </ResponsiveContainer>
      </div>
    </ChartCard>
  );
}

export function PopulationMiaChart({ results, height = 250 }: { results: ExperimentResults | null; height?: number }) {
  const rows = (results?.methods ?? []).flatMap((m, i) => {
    const e = m.evaluation;
    if (!e) return [];
    return [{
      key: methodKey(m, i), id: m.id, label: m.label,
      population: e.populationMia.meanAccuracy,
      ulira: e.ulira.status === 'ok' ? e.ulira.balancedAccuracy : null,
    }];
  });
  const retrainRef = results?.methods.find((m) => m.evaluation?.populationMia.oracleMeanAccuracy != null)?.evaluation?.populationMia.oracleMeanAccuracy ?? null;
  return (
    <ChartCard
      id="population-mia"
      title="Weak test vs strong test"
      table={{ columns: ['Method', 'Pop. MIA', 'U-LiRA balanced acc.'], rows: rows.map((r) => [r.label, pct(r.population), pct(r.ulira)]) }}
      height={height}
      empty={rows.length === 0 ? 'Attack accuracies appear as each method is evaluated.' : null}
      explanation={`Pale bars: population MIA (one loss threshold for all points; ${retrainRef != null ? `Retrain scores ${pct(retrainRef)}` : 'Retrain scores ≈ 50%'}). It is fooled because it only sees average losses. Solid bars: U-LiRA's balanced accuracy, which looks at each point; 50% = forgotten.`}
    >
      <div className={styles.stack}>
      <p className={styles.keyLine} aria-hidden>
        <span className={styles.keyPale} /> Population MIA (weak) <span className={styles.keySolid} /> U-LiRA balanced acc. (strong)
      </p>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart accessibilityLayer={false} data={rows} margin={{ top: 8, right: 52, bottom: 0, left: -8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="key" {...methodAxis((k) => shortName(rows.find((r) => r.key === k)?.id ?? k), rows.length)} />
          <YAxis domain={[0.3, 1]} tickFormatter={(v: number) => `${Math.round(v * 100)}%`} tick={{ fontSize: 11 }} allowDataOverflow />
          <ReferenceLine y={0.5} stroke="#5a6472" strokeDasharray="4 3" label={CHANCE_LABEL} />
          {retrainRef != null && <ReferenceLine y={retrainRef} stroke="#000" strokeDasharray="2 2" />}
          <Tooltip formatter={(v) => pct(Number(v))} labelFormatter={(k) => rows.find((r) => r.key === k)?.label ?? String(k)} />
          <Bar dataKey="population" name="Population MIA (weak)" fill="#c3cad3" isAnimationActive={false}>
            {rows.map((r) => <Cell key={r.key} fill={methodColour(r.id)} fillOpacity={0.3} stroke={methodColour(r.id)} />)}
          </Bar>
          <Bar dataKey="ulira" name="U-LiRA balanced acc. (strong)" fill="#5a6472" isAnimationActive={false}>
            {rows.map((r) => <Cell key={r.key} fill={methodColour(r.id)} />)}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
      </div>
    </ChartCard>
  );
}
