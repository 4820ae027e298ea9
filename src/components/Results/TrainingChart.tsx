/**
 * Loss and train/validation accuracy per epoch, drawn live as epochs finish. The axes
 * are fixed up front (epochs planned, accuracy 0–100%, loss from 0) so points arriving
 * never rescale the chart; lines differ by colour and by dash pattern.
 */
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { EpochRecord } from '../../../workers/entry/lab-api';
import styles from './TrainingChart.module.css';

export const SERIES = [
  { key: 'loss', name: 'Training loss', colour: '#d55e00', dash: undefined, axis: 'loss' },
  { key: 'train', name: 'Train accuracy', colour: '#0072b2', dash: '6 4', axis: 'acc' },
  { key: 'validation', name: 'Validation accuracy', colour: '#009e73', dash: undefined, axis: 'acc' },
] as const;

interface ChartPoint {
  epoch: number;
  loss: number | null;
  train: number | null;
  validation: number | null;
}

interface TrainingChartProps {
  history: EpochRecord[];
  plannedEpochs: number;
  classes: number;
}

export function TrainingChart({ history, plannedEpochs, classes }: TrainingChartProps) {
  const points: ChartPoint[] = history.map((h) => ({
    epoch: h.epoch,
    loss: h.loss,
    train: h.trainAccuracy * 100,
    validation: h.validationAccuracy * 100,
  }));
  // recharts draws no ticks for empty data; one empty point keeps the axes in place before the first epoch.
  const data: ChartPoint[] = points.length > 0 ? points : [{ epoch: 1, loss: null, train: null, validation: null }];
  const maxEpoch = Math.max(plannedEpochs, history.length, 2);
  const { lossTop, lossTicks } = lossScale(Math.max(0, ...history.map((h) => h.loss)));
  const chance = 100 / Math.max(1, classes);

  return (
    <div className={styles.root} data-testid="training-chart" data-points={history.length}>
      <ul className={styles.legend} aria-label="Chart legend">
        {SERIES.map((s) => (
          <li key={s.key}>
            <svg width="26" height="10" aria-hidden>
              <line x1="1" y1="5" x2="25" y2="5" stroke={s.colour} strokeWidth="2.5" strokeDasharray={s.dash} />
            </svg>
            {s.name}
            <span className={styles.axisNote}>{s.axis === 'loss' ? '(left axis)' : '(right axis)'}</span>
          </li>
        ))}
      </ul>
      <div className={styles.plot}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 4, bottom: 4, left: -8 }}>
            <CartesianGrid stroke="#e6e9ee" vertical={false} yAxisId="acc" />
            <XAxis
              dataKey="epoch"
              type="number"
              domain={[1, maxEpoch]}
              allowDecimals={false}
              tickCount={Math.min(maxEpoch, 11)}
              tick={{ fontSize: 12 }}
              label={{ value: 'epoch', position: 'insideBottomRight', offset: -2, fontSize: 12, fill: '#5a6472' }}
            />
            <YAxis yAxisId="loss" domain={[0, lossTop]} allowDataOverflow ticks={lossTicks} tick={{ fontSize: 12 }} width={44} tickFormatter={(v: number) => String(v)} />
            <YAxis yAxisId="acc" orientation="right" domain={[0, 100]} allowDataOverflow ticks={[0, 25, 50, 75, 100]} tick={{ fontSize: 12 }} width={44} tickFormatter={(v: number) => `${v}%`} />
            <ReferenceLine
              yAxisId="acc"
              y={chance}
              stroke="#8a94a3"
              strokeDasharray="2 3"
              label={{ value: 'chance', position: 'insideTopLeft', fontSize: 11, fill: '#5a6472' }}
            />
            <Tooltip
              formatter={(value, name) => [name === 'Training loss' ? Number(value).toFixed(3) : `${Number(value).toFixed(1)}%`, name]}
              labelFormatter={(epoch) => `Epoch ${epoch}`}
            />
            {SERIES.map((s) => (
              <Line
                key={s.key}
                yAxisId={s.axis}
                dataKey={s.key}
                name={s.name}
                stroke={s.colour}
                strokeWidth={2.25}
                strokeDasharray={s.dash}
                dot={{ r: 2.5, strokeWidth: 0, fill: s.colour }}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
        {history.length === 0 && <p className={styles.empty}>Curves appear here, one point per finished epoch.</p>}
      </div>
    </div>
  );
}

/**
 * Loss axis from 0 to a round top of at least 2.5 (a fresh 10-class model starts near
 * ln 10 ≈ 2.3), with ticks at round steps, so the first points do not rescale it.
 */
function lossScale(maxLoss: number): { lossTop: number; lossTicks: number[] } {
  const step = maxLoss > 5 ? 2 : maxLoss > 3 ? 1 : 0.5;
  const lossTop = Math.max(2.5, Math.ceil(maxLoss / step) * step);
  const lossTicks = Array.from({ length: Math.round(lossTop / step) + 1 }, (_, i) => Math.round(i * step * 10) / 10);
  return { lossTop, lossTicks };
}
