/**
 * Class-wise accuracy of one chosen method next to Retrain's (the oracles) and the
 * originals', on a chosen group; and that method's predictions against Retrain's as a
 * confusion-difference grid. Both read `outputs.confusion` (argmax counts per class).
 */
import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ExperimentResults } from '../../../workers/entry/lab-api';
import { ChartCard } from './ChartCard';
import { useChosenMethod } from './chosen-method';
import { classAccuracy, GROUP_LABEL, pct, rowFractions, type Group } from './chart-data';
import { GroupButtons } from './GroupButtons';
import { darkLegendText, methodColour, REFERENCE_COLOURS, shortName } from './palette';

type Results = ExperimentResults;

export function ClassAccuracyChart({ results, height = 250 }: { results: Results | null; height?: number }) {
  const [group, setGroup] = useState<Group>('forget');
  const { chosen, select } = useChosenMethod(results, (m) => m.outputs?.confusion != null);
  const names = results?.dataset.classNames ?? [];
  const originals = classAccuracy(results?.reference.originals?.confusion?.[group]);
  const oracles = classAccuracy(results?.reference.oracles?.confusion?.[group]);
  const method = classAccuracy(chosen?.outputs?.confusion?.[group]);
  // classes with points in this group only (a forget set of one class has one bar group)
  const data = names
    .map((name, c) => ({ name, originals: originals[c], oracles: oracles[c], method: method[c] }))
    .filter((d) => d.oracles != null || d.method != null);
  return (
    <ChartCard
      id="class-accuracy"
      title="Accuracy per class"
      height={height}
      empty={!chosen ? 'Class-wise accuracy appears when a method finishes.' : null}
      actions={
        <>
          {select}
          <GroupButtons group={group} setGroup={setGroup} />
        </>
      }
      table={
        chosen
          ? { columns: ['Class', 'Originals', 'Retrain (oracles)', chosen.label], rows: data.map((d) => [d.name, pct(d.originals), pct(d.oracles), pct(d.method)]) }
          : undefined
      }
      explanation={`Accuracy of the chosen method on each class of the ${GROUP_LABEL[group].toLowerCase()} set, next to the models retrained without the forget set (black outline) and the originals (grey outline). Unlearning should bring the forget classes to Retrain's level and leave the others where they were.`}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart accessibilityLayer={false} data={data} margin={{ top: 4, right: 8, bottom: 0, left: -8 }} barCategoryGap="14%">
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" tick={{ fontSize: 11 }} interval={0} />
          <YAxis domain={[0, 1]} tickFormatter={(v: number) => `${Math.round(v * 100)}%`} tick={{ fontSize: 11 }} />
          <Tooltip formatter={(v) => pct(Number(v))} />
          <Legend wrapperStyle={{ fontSize: 11 }} iconSize={9} formatter={darkLegendText} />
          <Bar dataKey="originals" name="Originals" fill="#ffffff" stroke={REFERENCE_COLOURS.originals} strokeDasharray="3 2" isAnimationActive={false} />
          <Bar dataKey="oracles" name="Retrain (oracles)" fill="#ffffff" stroke={REFERENCE_COLOURS.oracles} isAnimationActive={false} />
          {chosen && <Bar dataKey="method" name={shortName(chosen.id)} fill={methodColour(chosen.id)} isAnimationActive={false} />}
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

/** Blue where the method predicts a cell more often than Retrain, red where less; white where they agree. */
const cellColour = (d: number) => (d >= 0 ? `rgba(0, 114, 178, ${Math.min(1, d * 2.5)})` : `rgba(213, 94, 0, ${Math.min(1, -d * 2.5)})`);

export function ConfusionDifferenceChart({ results, height = 250 }: { results: Results | null; height?: number }) {
  const [group, setGroup] = useState<Group>('forget');
  const { chosen, select } = useChosenMethod(results, (m) => m.outputs?.confusion != null);
  const names = results?.dataset.classNames ?? [];
  const retrain = results?.reference.oracles?.confusion?.[group];
  const mine = chosen?.outputs?.confusion?.[group];
  const rows = retrain && mine ? names.map((_, c) => c).filter((c) => retrain[c].some((v) => v > 0)) : [];
  const a = mine ? rowFractions(mine) : [];
  const b = retrain ? rowFractions(retrain) : [];
  const k = names.length;
  const cell = 22;
  const left = 70;
  const top = 72;
  const w = left + k * cell + 8;
  const h = top + rows.length * cell + 4;
  return (
    <ChartCard
      id="confusion-difference"
      title="Predictions vs Retrain"
      height={height}
      empty={!chosen || !retrain ? 'The prediction grid appears when a method finishes.' : null}
      actions={
        <>
          {select}
          <GroupButtons group={group} setGroup={setGroup} />
        </>
      }
      table={
        chosen && retrain
          ? {
              columns: ['True class', ...names.map((n) => `→ ${n}: method / Retrain`)],
              rows: rows.map((c) => [names[c], ...names.map((_, p) => `${pct(a[c][p], 0)} / ${pct(b[c][p], 0)}`)]),
            }
          : undefined
      }
      explanation="Rows: the true class of the points; columns: the class predicted. Each cell is how much more often (blue) or less often (orange) the chosen method predicts that class than the retrained models do, as a share of the row. An all-white grid means the method predicts like Retrain."
    >
      <div style={{ overflow: 'auto', height: '100%' }}>
        <svg className="recharts-surface" width={w} height={h} role="img" aria-label="Prediction difference from Retrain">
          {names.map((n, p) => (
            // upright columns of text: a slanted label's box would cover its neighbours'
            <text key={n} x={left + p * cell + cell / 2 + 4} y={top - 6} fontSize={10} textAnchor="start" transform={`rotate(-90 ${left + p * cell + cell / 2 + 4} ${top - 6})`} fill="#1b2129">
              {n}
            </text>
          ))}
          {rows.map((c, r) => (
            <g key={c}>
              <text x={left - 6} y={top + r * cell + cell / 2 + 4} fontSize={10} textAnchor="end" fill="#1b2129">
                {names[c]}
              </text>
              {names.map((_, p) => {
                const d = a[c][p] - b[c][p];
                return (
                  <rect key={p} x={left + p * cell} y={top + r * cell} width={cell - 1} height={cell - 1} fill={cellColour(d)} stroke="#d0d5db" strokeWidth={0.5}>
                    <title>{`${names[c]} → ${names[p]}: ${pct(a[c][p])} vs Retrain ${pct(b[c][p])}`}</title>
                  </rect>
                );
              })}
            </g>
          ))}
        </svg>
      </div>
    </ChartCard>
  );
}
