/**
 * "Click an image": a strip of forget-set thumbnails; for the chosen one, its margin
 * under each original model, each unlearned model of the selected method, and each
 * oracle, one dot per model. Unlearning worked for this image when the middle row
 * looks like the bottom one.
 */
import { useEffect, useRef } from 'react';
import { CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { ExperimentResults } from '../../../workers/entry/lab-api';
import { IMAGE_SIZE } from '../../../workers/engine/data/types';
import { selectMethod, selectPoint, useRunStore } from '../../state/run-store';
import { useLab } from '../../state/store';
import { ChartCard } from './ChartCard';
import { num, pointMargins } from './chart-data';
import { methodColour, REFERENCE_COLOURS } from './palette';
import styles from './Charts.module.css';

const MAX_THUMBS = 60;
const NO_CLASSES: string[] = [];
const PLANE = IMAGE_SIZE * IMAGE_SIZE;

function Thumb({ index, pixels }: { index: number; pixels: Uint8Array | null }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx || !pixels || (index + 1) * PLANE * 3 > pixels.length) return;
    const img = ctx.createImageData(IMAGE_SIZE, IMAGE_SIZE);
    const base = index * PLANE * 3;
    for (let p = 0; p < PLANE; p++) {
      img.data[p * 4] = pixels[base + p];
      img.data[p * 4 + 1] = pixels[base + PLANE + p];
      img.data[p * 4 + 2] = pixels[base + 2 * PLANE + p];
      img.data[p * 4 + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
  }, [index, pixels]);
  return <canvas ref={ref} width={IMAGE_SIZE} height={IMAGE_SIZE} />;
}

export function MarginStrip({ results, height = 200 }: { results: ExperimentResults | null; height?: number }) {
  const selectedMethod = useRunStore((s) => s.selectedMethod);
  const point = useRunStore((s) => s.selectedPoint);
  const pixels = useLab((s) => s.dataset.pixels);
  const classNames = useLab((s) => s.dataset.summary?.classNames ?? NO_CLASSES);
  const forget = results?.points.forget ?? [];
  const methods = results?.methods ?? [];
  const method = methods[selectedMethod] ?? methods[0];
  const j = Math.min(point, Math.max(0, forget.length - 1));
  const rowsDef = [
    { name: 'Originals', colour: REFERENCE_COLOURS.originals, margins: pointMargins(results?.reference.originals?.margins.forget, j) },
    { name: method ? method.label.replace(/ \(.*?\)/, '') : 'Unlearned', colour: method ? methodColour(method.id) : '#444', margins: pointMargins(method?.outputs?.margins.forget, j) },
    { name: 'Oracles', colour: REFERENCE_COLOURS.oracles, margins: pointMargins(results?.reference.oracles?.margins.forget, j) },
  ];
  const dots = rowsDef.flatMap((r, y) => r.margins.map((x, k) => ({ x, y: 2 - y, key: `${y}-${k}`, colour: r.colour, name: r.name })));
  const xs = dots.map((d) => d.x);
  const lim = Math.ceil(Math.max(2, ...xs.map(Math.abs)));
  const label = results?.labels.forget[j];
  return (
    <ChartCard
      id="margins"
      title="Click an image: its margins, model by model"
      height={height + 66}
      wide
      empty={forget.length === 0 ? 'The forget images appear here when the run completes.' : null}
      actions={
        methods.length > 0 && (
          <select aria-label="Method to inspect" value={Math.min(selectedMethod, methods.length - 1)} onChange={(e) => selectMethod(Number(e.target.value))} style={{ fontSize: 12 }}>
            {methods.map((m, i) => (
              <option key={i} value={i}>
                {m.label}
              </option>
            ))}
          </select>
        )
      }
      explanation="A margin is how much more the model believes the image's label than any other class (positive = classified correctly, large = confident, typical of memorised training images). Each dot is one model. Forgotten means the middle row looks like the oracles, which never saw the image."
    >
      <div className={styles.thumbs} role="listbox" aria-label="Forget images">
        {forget.slice(0, MAX_THUMBS).map((id, i) => (
          <button key={id} type="button" className={styles.thumb} aria-pressed={i === j} onClick={() => selectPoint(i)} title={`Train image #${id}${classNames[results!.labels.forget[i]] ? ` (${classNames[results!.labels.forget[i]]})` : ''}`} data-testid="forget-thumb">
            <Thumb index={id} pixels={pixels} />#{id}
          </button>
        ))}
      </div>
      <div style={{ height, position: 'relative' }} data-testid="margin-strip" data-point={forget[j] ?? ''}>
        <ResponsiveContainer width="100%" height="100%">
          <ScatterChart accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 14, left: 40 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" dataKey="x" domain={[-lim, lim]} tick={{ fontSize: 11 }} label={{ value: `margin of #${forget[j] ?? ''}${label != null && classNames[label] ? ` (label: ${classNames[label]})` : ''}`, position: 'insideBottom', offset: -8, fontSize: 11 }} />
            <YAxis type="number" dataKey="y" domain={[-0.5, 2.5]} ticks={[0, 1, 2]} tickFormatter={(v: number) => rowsDef[2 - v]?.name ?? ''} tick={{ fontSize: 11 }} width={110} />
            <ReferenceLine x={0} stroke="#5a6472" />
            <Tooltip formatter={(v, n) => (n === 'x' ? num(Number(v), 2) : '')} />
            <Scatter data={dots} isAnimationActive={false}>
              {dots.map((d) => <Cell key={d.key} fill={d.colour} fillOpacity={0.75} />)}
            </Scatter>
          </ScatterChart>
        </ResponsiveContainer>
      </div>
    </ChartCard>
  );
}
