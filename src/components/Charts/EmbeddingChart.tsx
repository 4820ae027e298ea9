/**
 * Where the forget set went: model 0's penultimate activations (the MLP's hidden layer) on
 * the forget points and a retained sample, in 2-D, for the originals, a chosen method and
 * Retrain, side by side. Each panel is its own model's PCA (engine: experiment/embedding.ts),
 * oriented so the forget set's mean is up and right. Forgotten looks like Retrain's panel:
 * the forget points mixed in with the rest instead of sitting in their own corner.
 */
import { memo, useMemo } from 'react';
import { CartesianGrid, ResponsiveContainer, Scatter, ScatterChart, XAxis, YAxis, ZAxis } from 'recharts';
import type { ExperimentResults } from '../../../workers/entry/lab-api';
import type { Embedding } from '../../../workers/engine/experiment/embedding';
import { ChartCard } from './ChartCard';
import { useChosenMethod } from './chosen-method';
import { methodColour, REFERENCE_COLOURS, shortName } from './palette';
import styles from './Charts.module.css';

const RETAIN_COLOUR = '#b8c0cc';
/** Forget points under the originals: the "before" colour (the originals' own grey would vanish among the retained points). */
const ORIGINALS_FORGET = '#3d4652';

function points(e: Embedding, forget: boolean) {
  const out: { x: number; y: number }[] = [];
  const from = forget ? 0 : e.forgetCount;
  const to = forget ? e.forgetCount : e.rows.length;
  for (let i = from; i < to; i++) out.push({ x: e.xy[2 * i], y: e.xy[2 * i + 1] });
  return out;
}

/**
 * One model's map: 400 SVG points, the page's costliest chart to draw. Memoised on its
 * embedding, which keeps its identity while a run streams in other methods, so a method's
 * arrival redraws only the panel whose model changed (it was ~1 s of main-thread time per
 * arrival, taken from the workers training the next method).
 */
const Panel = memo(function Panel({ title, e, colour }: { title: string; e: Embedding | undefined; colour: string }) {
  const retained = useMemo(() => (e ? points(e, false) : []), [e]);
  const forget = useMemo(() => (e ? points(e, true) : []), [e]);
  return (
    <div className={styles.embeddingPanel} data-testid="embedding-panel">
      <div className={styles.embeddingTitle} data-export-title>
        {title}
      </div>
      {e ? (
        <ResponsiveContainer width="100%" height="100%">
          <ScatterChart accessibilityLayer={false} margin={{ top: 4, right: 4, bottom: 4, left: 4 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis type="number" dataKey="x" domain={[-3.5, 3.5]} allowDataOverflow hide />
            <YAxis type="number" dataKey="y" domain={[-3.5, 3.5]} allowDataOverflow hide />
            <ZAxis range={[14, 14]} />
            <Scatter data={retained} fill={RETAIN_COLOUR} isAnimationActive={false} />
            <Scatter data={forget} fill={colour} isAnimationActive={false} />
          </ScatterChart>
        </ResponsiveContainer>
      ) : (
        <p className={styles.embeddingEmpty}>no map for this model</p>
      )}
    </div>
  );
});

export function EmbeddingChart({ results, height = 250 }: { results: ExperimentResults | null; height?: number }) {
  const { chosen, select } = useChosenMethod(results, (m) => m.outputs?.embedding != null);
  const originals = results?.reference.originals.embedding;
  const retrain = results?.methods.find((m) => m.id === 'retrain')?.outputs?.embedding ?? results?.reference.oracles.embedding;
  const method = chosen?.outputs?.embedding;
  const layer = originals?.layer === 'logits' ? 'logits (the linear model’s only layer)' : 'hidden-layer activations';
  const spread = (e: Embedding | undefined) => (e ? `${(100 * (e.explained[0] + e.explained[1])).toFixed(0)}%` : '—');
  return (
    <ChartCard
      id="embedding"
      title="Where the forget set went"
      height={height}
      wide
      empty={!originals ? (results ? 'This model has no map (the small CNN has no dense first layer to read).' : 'The maps appear when the run has its references.') : null}
      actions={select}
      table={
        originals
          ? {
              columns: ['Panel', 'Forget points', 'Retained points', 'Variance shown'],
              rows: [
                ['Originals', String(originals.forgetCount), String(originals.rows.length - originals.forgetCount), spread(originals)],
                [chosen ? shortName(chosen.id) : 'method', String(method?.forgetCount ?? '—'), String(method ? method.rows.length - method.forgetCount : '—'), spread(method)],
                ['Retrain', String(retrain?.forgetCount ?? '—'), String(retrain ? retrain.rows.length - retrain.forgetCount : '—'), spread(retrain)],
              ],
            }
          : undefined
      }
      explanation={
        <>
          Model 0&apos;s {layer} on the forget points (coloured) and {originals ? originals.rows.length - originals.forgetCount : 300} retained ones (grey), each panel its own 2-D PCA, turned so the forget set leans up and right.
          Before unlearning the forget points often sit apart; forgotten, they mix in as in Retrain&apos;s panel (a model trained without them).
        </>
      }
    >
      <div className={styles.embeddingRow} data-testid="embedding" data-export="panels">
        <Panel title="Originals" e={originals} colour={ORIGINALS_FORGET} />
        <Panel title={chosen ? chosen.label : 'Method'} e={method} colour={chosen ? methodColour(chosen.id) : '#444'} />
        <Panel title="Retrain" e={retrain} colour={REFERENCE_COLOURS.oracles} />
      </div>
    </ChartCard>
  );
}
