/** Model and hyperparameters, and the Train / Cancel buttons. */
import { cancelTraining, chooseModel, train } from '../../state/actions';
import { useLab } from '../../state/store';
import { Panel } from '../Panel/Panel';
import { HyperparameterFields } from './HyperparameterFields';
import { ModelChooser } from './ModelChooser';
import styles from './TrainingPanel.module.css';

export function TrainingPanel() {
  const settings = useLab((s) => s.settings);
  const running = useLab((s) => s.run.status === 'running');
  const datasetReady = useLab((s) => s.dataset.status === 'ready');
  const backendStarting = useLab((s) => s.backend.status === 'starting');

  return (
    <Panel
      id="training"
      title="Model & training"
      explanation="Which classifier to train, and for how long."
      className={styles.panel}
    >
      <ModelChooser value={settings.kind} disabled={running} onChange={chooseModel} />
      <HyperparameterFields settings={settings} disabled={running} />
      <div className={styles.buttons}>
        <button
          type="button"
          className={styles.train}
          onClick={() => void train()}
          disabled={running || !datasetReady}
          data-testid="train-button"
        >
          {running ? 'Training…' : 'Train'}
        </button>
        <button
          type="button"
          className={styles.cancel}
          onClick={cancelTraining}
          disabled={!running}
          data-testid="cancel-button"
        >
          Cancel
        </button>
        <span className={styles.note}>
          {!datasetReady
            ? 'Waiting for the dataset…'
            : backendStarting && !running
              ? 'Starting the compute backend…'
              : 'Runs in a background worker.'}
        </span>
      </div>
      <section className={styles.how} aria-labelledby="how-title">
        <h3 id="how-title">What happens when you press Train</h3>
        <ol>
          <li>Each image becomes numbers the model can read.</li>
          <li>The model sees small batches and its weights are nudged to lower the loss.</li>
          <li>After each pass (epoch) it is scored on training and on unseen validation images.</li>
        </ol>
      </section>
    </Panel>
  );
}
