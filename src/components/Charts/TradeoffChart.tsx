/**
 * The headline's tradeoff: forget-set KLoM p95 (the headline's metric, left = closer to
 * Retrain, the noise floor dashed) against validation accuracy, dot size = compute relative
 * to Retrain. Big dots are drawn first so a small one is never hidden behind them.
 */
import { CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
import type { ExperimentResults } from '../../../workers/entry/lab-api';
import { ChartCard } from './ChartCard';
import { mean, methodKey, num, pct } from './chart-data';
import { PointLabels } from './PointLabels';
import { methodColour, shortName } from './palette';
import styles from './Charts.module.css';

/** Dot areas in px² for the smallest and largest cost (recharts scales a ZAxis to area). */
const DOT_AREA: [number, number] = [40, 700];
/** A dot's radius as recharts draws it: area linear in size over [0, maxSize]. */
function dotRadius(size: number, maxSize: number): number {
  const area = DOT_AREA[0] + (DOT_AREA[1] - DOT_AREA[0]) * (size / maxSize);
  return Math.sqrt(area / Math.PI);
}

export function TradeoffChart({ results, height = 250 }: { results: ExperimentResults | null; height?: number }) {
  const points = (results?.methods ?? [])
    .flatMap((m, i) => {
      const klom = m.evaluation?.klom.forget.summary.p95;
      if (klom == null || !m.outputs) return [];
      const cost = Number.isFinite(m.cost.relativeToRetrain) ? m.cost.relativeToRetrain : 0;
      return [{ key: methodKey(m, i), id: m.id, label: shortName(m.id), klom, utility: mean(m.outputs.accuracy.validation), cost, size: Math.max(0.02, cost) }];
    })
    .sort((a, b) => b.size - a.size);
  const maxSize = Math.max(1, ...points.map((p) => p.size));
  const floor = results?.reference.noiseFloor?.forget.summary.p95 ?? null;
  // Zoomed to the methods and the floor: at small N they all sit far from 0, close together.
  const xs = [...points.map((p) => p.klom), ...(floor != null ? [floor] : [])];
  const span = xs.length ? Math.max(...xs) - Math.min(...xs) : 1;
  const xMin = xs.length ? Math.max(0, Math.min(...xs) - 0.15 * span - 0.05) : 0;
  const xMax = xs.length ? Math.max(...xs) + 0.3 * span + 0.05 : 1;
  const ys = points.map((p) => p.utility);
  const yMin = ys.length ? Math.max(0, Math.floor((Math.min(...ys) - 0.05) * 20) / 20) : 0;
  const yMax = ys.length ? Math.min(1, Math.ceil((Math.max(...ys) + 0.05) * 20) / 20) : 1;
  return (
    <ChartCard
      id="tradeoff"
      title="Forgetting vs utility vs cost"
      table={{ columns: ['Method', 'KLoM p95 (forget)', 'Validation acc.', '× Retrain'], rows: points.map((p) => [p.label, num(p.klom), pct(p.utility), num(p.cost, 2)]) }}
      height={height}
      empty={points.length === 0 ? 'One point per method appears as each is evaluated.' : null}
      explanation="Left = closer to Retrain (forget-set KLoM p95, the headline's and the table's number; dashed: the noise floor, where two retrains sit). Up = more useful (validation accuracy). Bigger dot = more compute, relative to Retrain. A name with no room beside its dot is left off; hover the dot or read the table. The best methods sit top-left, near the floor, with small dots."
    >
      <ResponsiveContainer width="100%" height="100%">
        <ScatterChart accessibilityLayer={false} margin={{ top: 16, right: 40, bottom: 14, left: -4 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" dataKey="klom" domain={[Number(xMin.toFixed(2)), Number(xMax.toFixed(2))]} tickCount={6} tick={{ fontSize: 11 }} tickFormatter={(v: number) => v.toFixed(1)} label={{ value: 'KLoM p95 (forget), lower = closer to Retrain', position: 'insideBottom', offset: -8, fontSize: 11 }} />
          <YAxis type="number" dataKey="utility" domain={[yMin, yMax]} tickFormatter={(v: number) => `${Math.round(v * 100)}%`} tick={{ fontSize: 11 }} label={{ value: 'validation acc.', angle: -90, position: 'insideLeft', offset: 14, fontSize: 11 }} />
          {floor != null && <ReferenceLine x={floor} stroke="#5a6472" strokeDasharray="4 3" />}
          <ZAxis type="number" dataKey="size" range={DOT_AREA} domain={[0, maxSize]} />
          <Tooltip
            content={({ active, payload }) => {
              const p = active && payload?.[0] ? (payload[0].payload as (typeof points)[number]) : null;
              return p ? (
                <div className={styles.card} style={{ padding: 6, fontSize: 12 }}>
                  <strong>{p.label}</strong>
                  <div>KLoM p95 {num(p.klom)} · validation {pct(p.utility)} · {num(p.cost, 2)}× Retrain</div>
                </div>
              ) : null;
            }}
          />
          <Scatter data={points} isAnimationActive={false} fillOpacity={0.8}>
            {points.map((p) => <Cell key={p.key} fill={methodColour(p.id)} stroke="#fff" />)}
          </Scatter>
          <PointLabels points={points.map((p) => ({ key: p.key, x: p.klom, y: p.utility, radius: dotRadius(p.size, maxSize), label: p.label }))} />
        </ScatterChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
