/** Forget quality vs utility vs cost: one labelled point per method, size = cost relative to Retrain. */
import { CartesianGrid, Cell, LabelList, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
import type { ExperimentResults } from '../../../workers/entry/lab-api';
import { ChartCard } from './ChartCard';
import { forgetQuality, labelLevels, mean, methodKey, num, pct } from './chart-data';
import { methodColour, shortName } from './palette';
import styles from './Charts.module.css';

/** A label above its dot, raised `level` steps when a nearby method's label is in the way. */
function StaggeredLabel(props: { x?: unknown; y?: unknown; value?: unknown; index?: number; levels: number[] }) {
  const x = Number(props.x);
  const y = Number(props.y);
  if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
  const dy = 6 + (props.levels[props.index ?? 0] ?? 0) * 12;
  return (
    <text x={x} y={y - dy} fontSize={11} fill="#1b2129" textAnchor="middle">
      {String(props.value ?? '')}
    </text>
  );
}

export function TradeoffChart({ results, height = 250 }: { results: ExperimentResults | null; height?: number }) {
  const points = (results?.methods ?? []).flatMap((m, i) => {
    const fq = forgetQuality(m);
    if (fq == null || !m.outputs) return [];
    const cost = Number.isFinite(m.cost.relativeToRetrain) ? m.cost.relativeToRetrain : 0;
    return [{ key: methodKey(m, i), id: m.id, label: shortName(m.id), fq, utility: mean(m.outputs.accuracy.validation), cost, size: Math.max(0.02, cost) }];
  });
  const ys = points.map((p) => p.utility);
  const yMin = ys.length ? Math.max(0, Math.floor((Math.min(...ys) - 0.05) * 20) / 20) : 0;
  const yMax = ys.length ? Math.min(1, Math.ceil((Math.max(...ys) + 0.05) * 20) / 20) : 1;
  // In data units, on the generous side for a ~330 × 150 px plot: a character of 11 px text
  // is ~0.02 of the x range, a 12 px line ~10% of the y range.
  const lineHeight = (yMax - yMin) * 0.1;
  const levels = labelLevels(points.map((p) => ({ x: p.fq, y: p.utility, width: 0.02 * p.label.length + 0.02 })), lineHeight);
  return (
    <ChartCard
      id="tradeoff"
      title="Forget quality vs utility vs cost"
      height={height}
      empty={points.length === 0 ? 'One point per method appears as each is evaluated.' : null}
      explanation="Right = forgets better (NeurIPS 2023 forget quality: 1 when no threshold tells the method from Retrain). Up = more useful (validation accuracy). Bigger dot = more compute, relative to Retrain. The best methods sit top-right with small dots."
    >
      <ResponsiveContainer width="100%" height="100%">
        <ScatterChart margin={{ top: 16, right: 24, bottom: 14, left: -4 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" dataKey="fq" domain={[0, 1]} tickCount={6} tick={{ fontSize: 11 }} label={{ value: 'forget quality (NeurIPS 2023)', position: 'insideBottom', offset: -8, fontSize: 11 }} />
          <YAxis type="number" dataKey="utility" domain={[yMin, yMax]} tickFormatter={(v: number) => `${Math.round(v * 100)}%`} tick={{ fontSize: 11 }} label={{ value: 'validation acc.', angle: -90, position: 'insideLeft', offset: 14, fontSize: 11 }} />
          <ZAxis type="number" dataKey="size" range={[40, 700]} domain={[0, Math.max(1, ...points.map((p) => p.size))]} />
          <Tooltip
            content={({ active, payload }) => {
              const p = active && payload?.[0] ? (payload[0].payload as (typeof points)[number]) : null;
              return p ? (
                <div className={styles.card} style={{ padding: 6, fontSize: 12 }}>
                  <strong>{p.label}</strong>
                  <div>forget quality {num(p.fq)} · validation {pct(p.utility)} · {num(p.cost, 2)}× Retrain</div>
                </div>
              ) : null;
            }}
          />
          <Scatter data={points} isAnimationActive={false} fillOpacity={0.8}>
            {points.map((p) => <Cell key={p.key} fill={methodColour(p.id)} stroke="#fff" />)}
            <LabelList dataKey="label" content={(props) => <StaggeredLabel {...props} levels={levels} />} />
          </Scatter>
        </ScatterChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
