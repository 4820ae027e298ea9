/**
 * Where the current run is: stage, fraction done, throughput and time left. Always the
 * same height, whatever the state, so the chart below never moves.
 */
import { useLab } from '../../state/store';
import { BACKEND_LABEL } from '../Header/backend-names';
import { duration, rate } from './format';
import styles from './ProgressBar.module.css';

export function ProgressBar() {
  const run = useLab((s) => s.run);
  const p = run.progress;
  const fraction = run.status === 'done' ? 1 : p && p.total > 0 ? p.done / p.total : 0;
  const result = run.result;

  let left: string;
  let right = '';
  switch (run.status) {
    case 'idle':
      left = 'Ready. Press Train to start.';
      break;
    case 'running':
      left = p ? `${p.stage} · ${Math.floor(fraction * 100)}%` : 'Starting…';
      right = p ? [rate(p.examplesPerSecond), p.secondsLeft != null ? `${duration(p.secondsLeft)} left` : 'estimating…'].filter((x) => x !== '—').join(' · ') : '';
      break;
    case 'done':
      left = `Finished in ${duration(result?.seconds)}${result ? ` on ${BACKEND_LABEL[result.backend as keyof typeof BACKEND_LABEL] ?? result.backend}` : ''}`;
      right = rate(result?.examplesPerSecond);
      break;
    case 'cancelled':
      left = `Cancelled${run.history.length ? ` after epoch ${run.history.length}` : ''}: the worker was stopped.`;
      break;
    case 'error':
      left = 'Stopped by an error (see the message above).';
      break;
  }

  return (
    <div className={styles.root} data-status={run.status} data-testid="progress">
      <div className={styles.labels}>
        <span className={styles.left}>{left}</span>
        <span className={`${styles.right} tabular`}>{right}</span>
      </div>
      <div
        className={styles.track}
        role="progressbar"
        aria-label="Training progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(fraction * 100)}
      >
        <div className={styles.fill} style={{ transform: `scaleX(${fraction})` }} />
      </div>
    </div>
  );
}
