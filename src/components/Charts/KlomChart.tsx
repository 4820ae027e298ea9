/**
 * KLoM per method as a distribution over the evaluated points: box = middle half,
 * whisker up to the 95th percentile (marked), with the oracles' noise floor as a band.
 */
import { useMemo, useState } from 'react';
import { Bar, CartesianGrid, Cell, ComposedChart, ReferenceArea, ReferenceLine, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import type { ExperimentResults } from '../../../workers/entry/lab-api';
import { ChartCard } from './ChartCard';
import { GROUP_LABEL, klomBoxes, num, type Group } from './chart-data';
import { GroupButtons } from './GroupButtons';
import { methodAxis } from './method-axis';
import { methodColour, REFERENCE_COLOURS, shortName } from './palette';
import styles from './Charts.module.css';

export function KlomChart({ results, height = 250, id = 'klom', title = 'KLoM per point' }: { results: ExperimentResults | null; height?: number; id?: string; title?: string }) {
  const [group, setGroup] = useState<Group>('forget');
  const boxes = results ? klomBoxes(results, group) : [];
  const floor = results?.reference.noiseFloor?.[group]?.summary.p95 ?? null;
  const n = results?.experiment.ensemble.models;
  // To the right of the plot, at the line's height: never over a box.
  const floorLabel = useMemo(() => ({ value: `floor ${num(floor, 2)}`, position: 'right' as const, fontSize: 11, fill: '#3d4652' }), [floor]);
  const top = Math.max(1, floor ?? 0, ...boxes.map((b) => b.p95)) * 1.08;
  return (
    <ChartCard
      id={id}
      title={title}
      table={{
        columns: ['Method', `KLoM p25 (${GROUP_LABEL[group].toLowerCase()})`, 'median', 'p75', 'p95', 'max'],
        rows: [...boxes.map((b) => [b.label, num(b.p25), num(b.median), num(b.p75), num(b.p95), num(b.max)]), ...(floor != null ? [['Noise floor', '', '', '', num(floor), '']] : [])],
      }}
      height={height}
      empty={boxes.length === 0 ? 'KLoM per point appears as each method is evaluated.' : null}
      actions={<GroupButtons group={group} setGroup={setGroup} />}
      explanation={
        <>
          For each point, the KL divergence between the method's N margins and N oracles' margins; lower is closer to Retrain. Box: middle half of points; ◆: 95th percentile.
          The grey band up to the dashed line ("floor") is the noise floor: two sets of oracles compared with each other{n ? ` (N = ${n}: at small N the floor is high, so only values above it mean anything)` : ''}.
        </>
      }
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart accessibilityLayer={false} data={boxes} margin={{ top: 8, right: 62, bottom: 0, left: -12 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="key" {...methodAxis((k) => shortName(boxes.find((b) => b.key === k)?.id ?? k), boxes.length)} />
          <XAxis xAxisId="whisker" dataKey="key" hide />
          <YAxis domain={[0, Number(top.toFixed(2))]} tick={{ fontSize: 11 }} tickFormatter={(v: number) => v.toFixed(1)} />
          {floor != null && <ReferenceArea y1={0} y2={floor} fill={REFERENCE_COLOURS.floor} fillOpacity={0.22} />}
          {floor != null && (
            <ReferenceLine y={floor} stroke={REFERENCE_COLOURS.floor} strokeDasharray="4 3" label={floorLabel} />
          )}
          <Tooltip
            content={({ active, payload }) => {
              const b = active && payload?.[0] ? (payload[0].payload as (typeof boxes)[number]) : null;
              return b ? (
                <div className={styles.card} style={{ padding: 6, fontSize: 12 }}>
                  <strong>{b.label}</strong>
                  <div>median {num(b.median)} · p75 {num(b.p75)} · p95 {num(b.p95)} · max {num(b.max)}</div>
                </div>
              ) : null;
            }}
          />
          <Bar dataKey="whisker" xAxisId="whisker" barSize={2} isAnimationActive={false}>
            {boxes.map((b) => <Cell key={b.key} fill={methodColour(b.id)} />)}
          </Bar>
          <Bar dataKey="box" barSize={26} isAnimationActive={false} fillOpacity={0.55}>
            {boxes.map((b) => <Cell key={b.key} fill={methodColour(b.id)} stroke={methodColour(b.id)} />)}
          </Bar>
          <Scatter dataKey="p95" shape="diamond" isAnimationActive={false} legendType="none">
            {boxes.map((b) => <Cell key={b.key} fill={methodColour(b.id)} stroke="#fff" />)}
          </Scatter>
        </ComposedChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
