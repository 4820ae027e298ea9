/** Results export: the exact results file (JSON), the summary table (CSV), and the margins in EasyDUB's layout (zip). */
import { easydubFiles } from '../../../workers/engine/experiment/easydub-export';
import { resultsToCsv } from '../../../workers/engine/experiment/summary-table';
import { useResultsView, useRunStore } from '../../state/run-store';
import { exportText, exportZip } from '../Charts/chart-export';
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
      <button
        type="button"
        className={styles.secondary}
        disabled={!view}
        title="Every model's margins in EasyDUB's folder layout (margins/cifar10/…, forget_sets/…), for scoring the lab's methods with other tools"
        data-testid="export-easydub"
        onClick={() => view && exportZip(easydubFiles(view), `unlearning-lab-easydub-${stamp()}.zip`)}
      >
        EasyDUB
      </button>
    </span>
  );
}
