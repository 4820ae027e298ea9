/** Results export: the exact results file (JSON) and the summary table (CSV). */
import { resultsToCsv } from '../../../workers/engine/experiment/summary-table';
import { useResultsView, useRunStore } from '../../state/run-store';
import { exportText } from '../Charts/chart-export';
import styles from './Experiment.module.css';

export function ExportBar() {
  const status = useRunStore((s) => s.status);
  const partial = useResultsView();
  const view = status === 'running' ? null : partial;
  const stamp = () => new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return (
    <span className={styles.exports}>
      <button type="button" className={styles.secondary} disabled={!view} onClick={() => view && exportText(JSON.stringify(view), `unlearning-lab-results-${stamp()}.json`, 'application/json')}>
        JSON
      </button>
      <button type="button" className={styles.secondary} disabled={!view} onClick={() => view && exportText(resultsToCsv(view), `unlearning-lab-summary-${stamp()}.csv`, 'text/csv')}>
        CSV
      </button>
    </span>
  );
}
