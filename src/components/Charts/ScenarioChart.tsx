/** Backdoor: attack success rate per method. Mislabeled: accuracy on the corrected labels. Nothing for other forget sets. */
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ExperimentResults } from '../../../workers/entry/lab-api';
import { ChartCard } from './ChartCard';
import { mean, methodKey, pct } from './chart-data';
import { methodAxis } from './method-axis';
import { methodColour, REFERENCE_COLOURS, shortName } from './palette';

export function ScenarioChart({ results, height = 220 }: { results: ExperimentResults | null; height?: number }) {
  const kind = results?.experiment.forget.kind;
  if (!results || (kind !== 'backdoor' && kind !== 'mislabeled')) return null;
  const field = kind === 'backdoor' ? 'attackSuccess' : 'forgetTrueLabelAccuracy';
  const rows: { key: string; label: string; colour: string; value: number }[] = [];
  const { originals, oracles } = results.reference;
  if (originals?.[field]) rows.push({ key: 'originals', label: 'Originals', colour: REFERENCE_COLOURS.originals, value: mean(originals[field]) });
  if (oracles?.[field]) rows.push({ key: 'oracles', label: 'Oracles', colour: REFERENCE_COLOURS.oracles, value: mean(oracles[field]) });
  results.methods.forEach((m, i) => {
    const v = m.outputs?.[field];
    if (v) rows.push({ key: methodKey(m, i), label: shortName(m.id), colour: methodColour(m.id), value: mean(v) });
  });
  return (
    <ChartCard
      id="scenario"
      title={kind === 'backdoor' ? 'Backdoor attack success' : 'Accuracy on the corrected labels'}
      height={height}
      table={{ columns: ['Ensemble', kind === 'backdoor' ? 'Attack success' : 'True-label accuracy'], rows: rows.map((r) => [r.label, pct(r.value)]) }}
      explanation={
        kind === 'backdoor'
          ? 'Share of validation images with the trigger patch that the models classify as the attacker\'s target. Forgetting the poisoned images should bring it down to the oracles\' level.'
          : 'How often the models give the forget images their TRUE class, not the wrong label they were trained with. Forgetting the mislabeled images should raise it.'
      }
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart accessibilityLayer={false} data={rows} margin={{ top: 8, right: 10, bottom: 0, left: -8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" {...methodAxis((label) => label, rows.length)} />
          <YAxis domain={[0, 1]} tickFormatter={(v: number) => `${Math.round(v * 100)}%`} tick={{ fontSize: 11 }} />
          <Tooltip formatter={(v) => pct(Number(v))} />
          <Bar dataKey="value" name={kind === 'backdoor' ? 'Attack success' : 'True-label accuracy'} isAnimationActive={false}>
            {rows.map((r) => <Cell key={r.key} fill={r.colour} />)}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
