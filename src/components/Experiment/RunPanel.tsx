/**
 * The experiment's methods and their hyperparameters, its progress, and the results
 * export. Run and Cancel sit in the toolbar (RunBar.tsx), the model and training settings
 * in the settings panel; hidden controls (an instructor's choice, kept in the link) are
 * left out.
 */
import { useBusy } from '../../state/busy';
import { useExperimentStore } from '../../state/experiment-store';
import { useLab } from '../../state/store';
import { describeRule } from '../Forget/describe-rule';
import { ExportBar } from './ExportBar';
import { MethodPicker } from './MethodPicker';
import { RunProgress } from './RunProgress';
import styles from './Experiment.module.css';

export function RunPanel() {
  const experiment = useExperimentStore((s) => s.experiment);
  const hidden = useExperimentStore((s) => s.hidden);
  const summary = useLab((s) => s.dataset.summary);
  const classNames = summary?.classNames ?? [];
  const running = useBusy() != null;
  const show = (c: (typeof hidden)[number]) => !hidden.includes(c);

  return (
    <section className={styles.panel} aria-labelledby="experiment-title" data-panel="experiment">
      <header className={styles.panelHead}>
        <h2 id="experiment-title" className={styles.panelTitle}>Unlearning experiment</h2>
        <p className={styles.panelText}>
          Train N original models and N oracles (never trained on the forget set), unlearn with each method, and measure how close each gets to the oracles.
        </p>
      </header>
      <div className={styles.panelBody}>
        <MethodPicker disabled={running} showMethods={show('methods')} showParams={show('hyperparameters')} />
        <p className={styles.help}>
          Forget set: {describeRule(experiment.forget, classNames)} · seed {experiment.seed}
        </p>
      </div>
      <footer className={styles.panelFoot}>
        <RunProgress />
        <div className={styles.buttons}>
          <ExportBar />
        </div>
      </footer>
    </section>
  );
}
