/**
 * Run and Cancel for the experiment, in the toolbar so they are in view and a few Tab stops
 * from the top. Why Run is disabled is said right next to it, and a running experiment
 * shows its stage and the time left for the whole run.
 */
import { useBusy } from '../../state/busy';
import { cancelExperiment, startExperiment, useRunStore } from '../../state/run-store';
import { useLab } from '../../state/store';
import { useDatasetProblem } from '../../state/dataset-requirement';
import { SYNTHETIC_SEED } from '../../state/settings';
import { useForgetRunBlocker } from '../Forget/useRunBlocker';
import { duration } from '../Results/format';
import styles from './RunBar.module.css';

export function RunBar() {
  const busy = useBusy();
  const running = busy?.kind === 'experiment';
  const datasetReady = useLab((s) => s.dataset.status === 'ready');
  const datasetProblem = useDatasetProblem(SYNTHETIC_SEED);
  const forgetProblem = useForgetRunBlocker();
  const blocker = datasetProblem ?? forgetProblem;
  const p = useRunStore((s) => s.progress);
  const why = !datasetReady ? 'Waiting for the dataset…' : busy?.kind === 'training' ? 'A quick-check training run is going.' : blocker;
  return (
    <div className={styles.bar}>
      <button type="button" className={styles.run} data-testid="run-experiment" disabled={busy != null || !datasetReady || blocker != null} onClick={() => void startExperiment()} aria-describedby="run-why">
        ▶ Run experiment
      </button>
      <button type="button" className={styles.cancel} data-testid="cancel-experiment" disabled={!running} onClick={cancelExperiment}>
        Cancel
      </button>
      <span id="run-why" className={styles.status} role="status" data-testid="run-status" title={running ? undefined : (why ?? undefined)}>
        {running
          ? p
            ? `${p.stage.split(':')[0]} · ${Math.round(100 * p.overall)}%${p.totalSecondsLeft != null ? ` · ${duration(p.totalSecondsLeft)} left` : ''}`
            : 'Starting…'
          : why ?? ''}
      </span>
    </div>
  );
}
