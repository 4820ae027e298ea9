/** Accuracy on forget / retain / validation, one bar per method, Originals and the oracles (Retrain's reference) dashed. */
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ExperimentResults } from '../../../workers/entry/lab-api';
import { ChartCard } from './ChartCard';
import { GROUP_LABEL, GROUPS, mean, methodKey, oracleAccuracy, originalAccuracy, pct } from './chart-data';
import { darkLegendText, methodColour, REFERENCE_COLOURS, shortName } from './palette';

export function AccuracyChart({ results, height = 250 }: { results: ExperimentResults | null; height?: number }) {
  const methods = results?.methods.filter((m) => m.outputs) ?? [];
  const data = GROUPS.map((g) => {
    const row: Record<string, number | string> = { group: GROUP_LABEL[g] };
    if (results) {
      row.originals = originalAccuracy(results, g);
      row.oracles = oracleAccuracy(results, g);
      results.methods.forEach((m, i) => {
        if (m.outputs) row[methodKey(m, i)] = mean(m.outputs.accuracy[g]);
      });
    }
    return row;
  });
  return (
    <ChartCard
      id="accuracy"
      title="Accuracy per group"
      table={
        results
          ? {
              columns: ['Ensemble', ...GROUPS.map((g) => `${GROUP_LABEL[g]} acc.`)],
              rows: [
                ['Originals', ...GROUPS.map((g) => pct(originalAccuracy(results, g)))],
                ['Oracles', ...GROUPS.map((g) => pct(oracleAccuracy(results, g)))],
                ...methods.map((m) => [m.label, ...GROUPS.map((g) => pct(mean(m.outputs!.accuracy[g])))]),
              ],
            }
          : undefined
      }
      height={height}
      empty={methods.length === 0 ? 'Accuracies appear here as each method finishes.' : null}
      explanation="Mean accuracy of the N models on the forget set, the rest of the training set (retain) and unseen validation images. A good method drops forget accuracy to the oracles' level (models never trained on it) and keeps the other two. Dashed outlines: the originals (grey, before unlearning) and the oracles (black)."
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart accessibilityLayer={false} data={data} margin={{ top: 4, right: 8, bottom: 0, left: -8 }} barCategoryGap="16%">
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="group" tick={{ fontSize: 12 }} />
          <YAxis domain={[0, 1]} tickFormatter={(v: number) => `${Math.round(v * 100)}%`} tick={{ fontSize: 11 }} />
          <Tooltip formatter={(v) => pct(Number(v))} />
          <Legend wrapperStyle={{ fontSize: 11 }} iconSize={9} formatter={darkLegendText} />
          <Bar dataKey="originals" name="Originals" fill="#ffffff" stroke={REFERENCE_COLOURS.originals} strokeDasharray="3 2" isAnimationActive={false} />
          <Bar dataKey="oracles" name="Oracles" fill="#ffffff" stroke={REFERENCE_COLOURS.oracles} strokeDasharray="3 2" isAnimationActive={false} />
          {results?.methods.map((m, i) =>
            m.outputs ? <Bar key={methodKey(m, i)} dataKey={methodKey(m, i)} name={shortName(m.id)} fill={methodColour(m.id)} isAnimationActive={false} /> : null,
          )}
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
