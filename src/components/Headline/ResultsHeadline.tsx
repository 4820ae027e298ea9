/**
 * The sentence an instructor points at: which methods land closest to Retrain and what
 * each one did, in plain words (the engine's verdict.ts, the same order as the table's
 * Rank), with the thresholds behind it one click away. Under it, what the results are for,
 * and a warning when the controls have moved on since the run.
 */
import { MODEL_INFO } from '../../../workers/engine/models/spec';
import type { ExperimentResults } from '../../../workers/entry/lab-api';
import { verdictOf, type MethodVerdict } from '../../../workers/engine/experiment/verdict';
import { plural } from '../../../workers/engine/util/plural';
import { useExperimentStore } from '../../state/experiment-store';
import { changedSince } from '../../state/results-provenance';
import { useLab } from '../../state/store';
import { describeRule } from '../Forget/describe-rule';
import { methodColour } from '../Charts/palette';
import styles from './ResultsHeadline.module.css';

const cost = (v: MethodVerdict) => (v.relativeCost == null ? '' : ` · ${v.relativeCost < 0.1 ? v.relativeCost.toFixed(2) : v.relativeCost.toFixed(1)}× Retrain's compute`);

/** The method's own account of its run (what was cut, what the cost counts), one click away. */
function HowItRan({ notes }: { notes: readonly string[] }) {
  if (notes.length === 0) return null;
  return (
    <details className={styles.notes} data-testid="method-notes">
      <summary>how it ran</summary>
      <ul>
        {notes.map((n, i) => (
          <li key={i}>{n}</li>
        ))}
      </ul>
    </details>
  );
}

export function ResultsHeadline({ results }: { results: ExperimentResults | null }) {
  const now = useExperimentStore((s) => s.experiment);
  const loaded = useLab((s) => s.dataset.summary);
  if (!results || results.methods.length === 0) return null;
  const verdict = verdictOf(results);
  const ranked = verdict.methods.filter((v) => v.rank != null).sort((a, b) => a.rank! - b.rank!);
  const others = verdict.methods.filter((v) => v.rank == null);
  const x = results.experiment;
  const changed = changedSince(x, results.dataset, now, loaded);
  const t = verdict.thresholds;
  return (
    <section className={styles.card} aria-labelledby="headline-title" data-testid="results-headline">
      <h2 id="headline-title" className={styles.title}>
        What this run shows
      </h2>
      <p className={styles.headline} data-testid="headline-text">
        {verdict.headline}
      </p>
      <ol className={styles.list}>
        {ranked.map((v) => (
          <li key={v.index} data-testid="headline-method" data-method={v.id} data-rank={v.rank}>
            <span className={styles.dot} style={{ background: methodColour(v.id) }} />
            <strong>
              #{v.rank} {v.label}
            </strong>
            : {v.sentence}
            <span className={styles.cost}>{cost(v)}</span>
            <HowItRan notes={results.methods[v.index].notes} />
          </li>
        ))}
        {others.map((v) => (
          <li key={v.index} className={styles.reference} data-method={v.id}>
            <span className={styles.dot} style={{ background: methodColour(v.id) }} />
            <strong>{v.label}</strong>: {v.sentence}
            <HowItRan notes={results.methods[v.index].notes} />
          </li>
        ))}
      </ol>
      <details className={styles.how}>
        <summary>How the verdict is decided</summary>
        <ul>
          <li>
            <strong>Within the noise floor</strong>: forget-set KLoM p95 at most {t.floorUpper != null ? t.floorUpper.toFixed(2) : '— (no floor measured)'}, the top of the 95% bootstrap interval of the floor ({t.floorP95 != null ? t.floorP95.toFixed(2) : '—'}: a second retrained
            ensemble against the first). Two retrains disagree that much by chance, so Retrain can read below the floor when its own oracle sample happens to sit closer.
          </li>
          <li>
            <strong>The attack cannot tell</strong>: U-LiRA AUC below {t.aucDetectable != null ? t.aucDetectable.toFixed(3) : '—'}, that is 0.5 plus two standard errors for {plural(results.points.forget.length, 'forget point')} (Hanley–McNeil; one sample per point, since one
            point's scores under many models are correlated).
          </li>
          <li>
            <strong>Hurt accuracy</strong>: mean validation accuracy more than {t.accuracyDrop != null ? `${(t.accuracyDrop * 100).toFixed(1)} pp` : '—'} below Retrain's (2 pp, or two standard errors of the difference of the two means over models if larger).
          </li>
          <li>
            <strong>Did not forget</strong>: KLoM moved less than a fifth of the way from Do nothing's to the floor.
          </li>
          <li>
            <strong>Went past Retrain</strong>: the forget margins' mean lies beyond Retrain's, on the far side from Do nothing's, by more than half of Do nothing's distance from Retrain: the method forgot more than retraining does.
          </li>
          <li>
            <strong>Scattered models</strong>: where a method's models spread more than 3× as widely as Retrain's on the forget points (median over points; two retrained ensembles give about 1×), KLoM's bins, which span both samples, grow coarse and can
            flatter it, so such a method is never called within the floor.
          </li>
          <li>
            <strong>What is off</strong>: for a method short of Retrain, its KLoM read twice more: with each forget point's margins moved to Retrain's mean for that point (its own spread kept), and with its spread scaled to Retrain's (its own
            means kept). Whichever falls further names what the method gets wrong: where each point lands, or how much its models disagree about it.
          </li>
        </ul>
      </details>
      <p className={styles.provenance} data-testid="results-for">
        For: {plural(results.forgetSetSize, 'forget image')} ({describeRule(x.forget, results.dataset.classNames)}) · {results.dataset.name} #{results.dataset.hash.slice(0, 8)} · {MODEL_INFO[x.model.kind].label}, {plural(x.training.epochs, 'epoch')} · N = {x.ensemble.models} · seed {x.seed}
        {results.status !== 'complete' && ` · ${results.status === 'cancelled' ? 'partial (cancelled)' : 'partial (a worker crashed)'}`}
      </p>
      {changed.length > 0 && (
        <p className={styles.stale} role="status" data-testid="results-stale">
          These results are for the run above: since then the {changed.join(', ')} changed. Press Run to see results for the current settings.
        </p>
      )}
    </section>
  );
}
