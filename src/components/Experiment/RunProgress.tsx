/** "Stage 3/12 · Oracles" with a bar and the whole run's time left; the same height in every state. */
import { duration } from '../Results/format';
import { useRunStore } from '../../state/run-store';
import styles from './Experiment.module.css';

export function RunProgress() {
  const status = useRunStore((s) => s.status);
  const p = useRunStore((s) => s.progress);
  const arrived = useRunStore((s) => s.methods.length);
  const total = useRunStore((s) => s.experiment?.methods.length ?? 0);
  const error = useRunStore((s) => s.error);
  // The engine weighs stages by their expected cost (run-experiment.ts), so the bar moves at an even pace.
  const overall = status === 'done' ? 1 : p ? p.overall : 0;
  let left: string;
  let right = '';
  switch (status) {
    case 'idle':
      left = 'Ready. Choose methods, then press Run.';
      break;
    case 'running':
      left = p ? `Stage ${Math.min(p.stageIndex + 1, p.stageCount)}/${p.stageCount} · ${p.stage}` : 'Starting…';
      right = p ? (p.totalSecondsLeft != null ? `about ${duration(p.totalSecondsLeft)} left in all` : 'estimating the time left…') : '';
      break;
    case 'done':
      left = `Done: ${arrived} method${arrived === 1 ? '' : 's'} compared.`;
      break;
    case 'cancelled':
      left = `Cancelled: kept the ${arrived} method${arrived === 1 ? '' : 's'} that had finished (of ${total}).`;
      break;
    case 'error':
      left = `Stopped by an error: ${error ?? 'see the message above'}`;
      break;
  }
  return (
    <div className={styles.progress} data-testid="experiment-progress" data-status={status}>
      <div className={styles.progressLabels}>
        <span className={styles.progressLeft} title={left}>{left}</span>
        <span className="tabular">{right}</span>
      </div>
      <div className={styles.track} role="progressbar" aria-label="Experiment progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(overall * 100)}>
        <div className={styles.fill} style={{ transform: `scaleX(${overall})` }} />
      </div>
    </div>
  );
}
