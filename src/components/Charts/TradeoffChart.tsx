/**
 * The headline's tradeoff: forget-set KLoM p95 (the headline's metric, left = closer to
 * Retrain, the noise floor dashed) against validation accuracy, dot size = compute relative
 * to Retrain. Big dots are drawn first so a small one is never hidden behind them.
 */
import { useLayoutEffect, useRef } from 'react';
import { CartesianGrid, Cell, LabelList, ReferenceLine, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
import type { ExperimentResults } from '../../../workers/entry/lab-api';
import { ChartCard } from './ChartCard';
import { useElementSize } from '../Dataset/useElementSize';
import { labelLevels, mean, methodKey, num, pct } from './chart-data';
import { methodColour, shortName } from './palette';
import styles from './Charts.module.css';

/** One line of 11 px label text with its gap, in pixels. */
const LINE_PX = 15;

let measurer: CanvasRenderingContext2D | null = null;
/** A label's width in pixels as the browser draws 11 px text (an estimate where canvas is missing). */
function labelWidth(text: string): number {
  measurer ??= typeof document !== 'undefined' ? document.createElement('canvas').getContext('2d') : null;
  if (!measurer) return 6.6 * text.length;
  measurer.font = `11px ${getComputedStyle(document.body).fontFamily || 'sans-serif'}`;
  return measurer.measureText(text).width;
}
/** What the axes and margins take from the chart's box: the plot is the rest. */
const PLOT_INSET = { width: 100, height: 80 };

/** A label above its dot, raised `level` steps when a nearby method's label is in the way. */
function StaggeredLabel(props: { x?: unknown; y?: unknown; value?: unknown; index?: number; levels: number[] }) {
  const x = Number(props.x);
  const y = Number(props.y);
  if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
  const dy = 4 + (props.levels[props.index ?? 0] ?? 0) * LINE_PX;
  return (
    <text x={x + 7} y={y - dy} fontSize={11} fill="#1b2129" textAnchor="start" data-point-label>
      {String(props.value ?? '')}
    </text>
  );
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
  const floor = results?.reference.noiseFloor?.forget.summary.p95 ?? null;
  // Zoomed to the methods and the floor: at small N they all sit far from 0, close together.
  const xs = [...points.map((p) => p.klom), ...(floor != null ? [floor] : [])];
  const span = xs.length ? Math.max(...xs) - Math.min(...xs) : 1;
  const xMin = xs.length ? Math.max(0, Math.min(...xs) - 0.15 * span - 0.05) : 0;
  const xMax = xs.length ? Math.max(...xs) + 0.3 * span + 0.05 : 1;
  const ys = points.map((p) => p.utility);
  const yMin = ys.length ? Math.max(0, Math.floor((Math.min(...ys) - 0.05) * 20) / 20) : 0;
  const yMax = ys.length ? Math.min(1, Math.ceil((Math.max(...ys) + 0.05) * 20) / 20) : 1;
  // The labels' sizes in data units, from the plot's measured size (14 methods crowd a
  // half-width card at 1280). Labels start 7 px right of their dot.
  const box = useRef<HTMLDivElement>(null);
  const size = useElementSize(box);
  // The estimate above places most labels; any that still collide as drawn are hidden (the
  // tooltip and the table name every point), so no label is ever drawn over another.
  useLayoutEffect(() => {
    const kept: DOMRect[] = [];
    for (const el of Array.from(box.current?.querySelectorAll<SVGTextElement>('text[data-point-label]') ?? [])) {
      el.style.display = '';
      const r = el.getBoundingClientRect();
      const clash = kept.some((k) => Math.min(k.right, r.right) - Math.max(k.left, r.left) > 0 && Math.min(k.bottom, r.bottom) - Math.max(k.top, r.top) > 0);
      if (clash) el.style.display = 'none';
      else kept.push(r);
    }
  });
  const xPerPx = (xMax - xMin) / Math.max(120, size.width - PLOT_INSET.width);
  const yPerPx = (yMax - yMin) / Math.max(80, size.height - PLOT_INSET.height);
  const levels = labelLevels(
    points.map((p) => {
      const w = labelWidth(p.label) + 6; // 3 px clear on each side
      return { x: p.klom + xPerPx * (7 + w / 2), y: p.utility, width: xPerPx * w };
    }),
    yPerPx * LINE_PX,
  );
  return (
    <ChartCard
      id="tradeoff"
      title="Forgetting vs utility vs cost"
      table={{ columns: ['Method', 'KLoM p95 (forget)', 'Validation acc.', '× Retrain'], rows: points.map((p) => [p.label, num(p.klom), pct(p.utility), num(p.cost, 2)]) }}
      height={height}
      empty={points.length === 0 ? 'One point per method appears as each is evaluated.' : null}
      explanation="Left = closer to Retrain (forget-set KLoM p95, the headline's and the table's number; dashed: the noise floor, where two retrains sit). Up = more useful (validation accuracy). Bigger dot = more compute, relative to Retrain. The best methods sit top-left, near the floor, with small dots."
    >
      <div ref={box} style={{ width: '100%', height: '100%' }}>
      <ResponsiveContainer width="100%" height="100%">
        <ScatterChart accessibilityLayer={false} margin={{ top: 16, right: 40, bottom: 14, left: -4 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" dataKey="klom" domain={[Number(xMin.toFixed(2)), Number(xMax.toFixed(2))]} tickCount={6} tick={{ fontSize: 11 }} tickFormatter={(v: number) => v.toFixed(1)} label={{ value: 'KLoM p95 (forget), lower = closer to Retrain', position: 'insideBottom', offset: -8, fontSize: 11 }} />
          <YAxis type="number" dataKey="utility" domain={[yMin, yMax]} tickFormatter={(v: number) => `${Math.round(v * 100)}%`} tick={{ fontSize: 11 }} label={{ value: 'validation acc.', angle: -90, position: 'insideLeft', offset: 14, fontSize: 11 }} />
          {floor != null && <ReferenceLine x={floor} stroke="#5a6472" strokeDasharray="4 3" />}
          <ZAxis type="number" dataKey="size" range={[40, 700]} domain={[0, Math.max(1, ...points.map((p) => p.size))]} />
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
            <LabelList dataKey="label" content={(props) => <StaggeredLabel {...props} levels={levels} />} />
          </Scatter>
        </ScatterChart>
      </ResponsiveContainer>
      </div>
    </ChartCard>
  );
}
