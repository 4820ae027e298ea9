/** The run as it happens: progress, live curves, and the latest numbers. */
import { useExperimentStore } from '../../state/experiment-store';
import { useLab } from '../../state/store';
import { Panel } from '../Panel/Panel';
import { ProgressBar } from './ProgressBar';
import { RunSummary } from './RunSummary';
import { TrainingChart } from './TrainingChart';
import styles from './ResultsPanel.module.css';

export function ResultsPanel() {
  const history = useLab((s) => s.run.history);
  const runEpochs = useLab((s) => s.run.plannedEpochs);
  const settingsEpochs = useExperimentStore((s) => s.experiment.training.epochs);
  // While a run goes, its own epoch count; otherwise the axis previews the settings' (and keeps any curve drawn).
  const running = useLab((s) => s.run.status === 'running');
  const plannedEpochs = running ? runEpochs : Math.max(settingsEpochs, history.length);
  const classes = useLab((s) => s.dataset.summary?.classNames.length ?? 10);
  return (
    <Panel
      id="results"
      title="Learning curves"
      explanation="Loss should fall and accuracy rise. A gap between train and validation accuracy is memorisation: what unlearning must undo."
      className={styles.panel}
    >
      <ProgressBar />
      <TrainingChart history={history} plannedEpochs={plannedEpochs} classes={classes} />
      <RunSummary />
    </Panel>
  );
}
