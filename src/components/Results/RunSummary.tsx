/**
 * The latest numbers of the run as four tiles, placeholders until known, so the panel
 * has the same shape before, during and after training.
 */
import { useLab } from '../../state/store';
import { count, duration, percent } from './format';
import styles from './RunSummary.module.css';

export function RunSummary() {
  const run = useLab((s) => s.run);
  const last = run.history[run.history.length - 1];
  const tiles = [
    { label: 'Train accuracy', value: percent(last?.trainAccuracy), hint: 'Share of training images classified correctly' },
    { label: 'Validation accuracy', value: percent(last?.validationAccuracy), hint: 'On held-out images it never trained on' },
    { label: 'Images per second', value: count(run.result?.examplesPerSecond ?? run.progress?.examplesPerSecond), hint: 'Training throughput' },
    { label: 'Time', value: duration(run.result?.seconds ?? last?.seconds), hint: 'Wall-clock time of the run' },
  ];
  return (
    <dl className={styles.tiles} data-testid="run-summary">
      {tiles.map((t) => (
        <div key={t.label} className={styles.tile} title={t.hint}>
          <dt>{t.label}</dt>
          <dd className="tabular">{t.value}</dd>
        </div>
      ))}
    </dl>
  );
}
