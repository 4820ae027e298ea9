/**
 * Shown when the opened link was made on another dataset: what it needs, the one-click
 * load when that dataset is prepared on this server, and the explicit way out (run on
 * the loaded data). Run stays disabled meanwhile (RunBar reads the same problem).
 */
import { choosePrepared } from '../../state/actions';
import { describeDatasetField, useDatasetProblem, useDatasetRequirement, waiveDatasetRequirement } from '../../state/dataset-requirement';
import { SYNTHETIC_SEED } from '../../state/settings';
import { useLab } from '../../state/store';
import styles from './DatasetRequirementNotice.module.css';

export function DatasetRequirementNotice() {
  const problem = useDatasetProblem(SYNTHETIC_SEED);
  const required = useDatasetRequirement((s) => s.required);
  const prepared = useLab((s) => s.prepared);
  const loading = useLab((s) => s.dataset.status === 'loading');
  if (!problem || !required) return null;
  const entry = prepared.find((p) => p.id === required.id);
  const synthetic = required.id === 'synthetic';
  return (
    <div className={styles.notice} role="status" data-testid="dataset-requirement">
      <p className={styles.text}>
        <strong>This link was made on {describeDatasetField(required)}.</strong>{' '}
        {entry
          ? 'It is prepared on this server: load it to reproduce the experiment.'
          : synthetic
            ? 'This page generates other sizes; the numbers will differ on the loaded data.'
            : 'Load the CIFAR-10 files (the button below, or drop them on this panel) to reproduce it.'}{' '}
        Run waits until then.
      </p>
      <div className={styles.actions}>
        {entry && (
          <button type="button" className={styles.primary} disabled={loading} onClick={() => void choosePrepared(entry)}>
            Load {entry.name}
          </button>
        )}
        <button type="button" className={styles.secondary} onClick={waiveDatasetRequirement} data-testid="use-loaded-data">
          Run on the loaded data instead
        </button>
      </div>
    </div>
  );
}
