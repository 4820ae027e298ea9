/**
 * The experiment's controls: methods and their hyperparameters, the model, training
 * epochs and N (models per ensemble), ONE Run button, progress and Cancel, and the
 * results export. Reads and writes the shared experiment description; hidden controls
 * (an instructor's choice, kept in the link) are left out.
 */
import { MODEL_INFO, MODEL_KINDS, modelSpecSchema, type ModelKind } from '../../../workers/engine/models/spec';
import { trainingSchema } from '../../../workers/engine/train/training-schema';
import { useExperimentStore } from '../../state/experiment-store';
import { cancelExperiment, startExperiment, useRunStore } from '../../state/run-store';
import { useLab } from '../../state/store';
import { Field, controlClass } from '../Field/Field';
import { useForgetRunBlocker } from '../Forget/useRunBlocker';
import { NumberField } from '../Training/NumberField';
import { ExportBar } from './ExportBar';
import { MethodPicker } from './MethodPicker';
import { RunProgress } from './RunProgress';
import { numberBounds } from './schema-fields';
import styles from './Experiment.module.css';

const N_BOUNDS = { min: 2, max: 64 };
const EPOCH_BOUNDS = numberBounds(trainingSchema.shape.epochs);
const HIDDEN_BOUNDS = numberBounds(modelSpecSchema.shape.hidden);

export function RunPanel() {
  const experiment = useExperimentStore((s) => s.experiment);
  const update = useExperimentStore((s) => s.update);
  const hidden = useExperimentStore((s) => s.hidden);
  const status = useRunStore((s) => s.status);
  const training = useLab((s) => s.run.status === 'running');
  const datasetReady = useLab((s) => s.dataset.status === 'ready');
  const running = status === 'running';
  const blocker = useForgetRunBlocker();
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
        {show('model') && (
          <fieldset className={styles.row} disabled={running}>
            <legend className={styles.legend}>Models</legend>
            <Field label="Experiment model">
              {(id) => (
                <select id={id} className={controlClass} value={experiment.model.kind} title={MODEL_INFO[experiment.model.kind].explanation} onChange={(e) => update({ model: { ...experiment.model, kind: e.target.value as ModelKind } })}>
                  {MODEL_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {MODEL_INFO[k].label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {experiment.model.kind === 'mlp' && (
              <NumberField label="Hidden units" value={experiment.model.hidden} {...HIDDEN_BOUNDS} step={1} onCommit={(v) => update({ model: { ...experiment.model, hidden: clampInt(v, HIDDEN_BOUNDS) } })} />
            )}
            <NumberField label="Training epochs" value={experiment.training.epochs} {...EPOCH_BOUNDS} step={1} hint="Epochs of every original, oracle and subset model." onCommit={(v) => update({ training: { ...experiment.training, epochs: clampInt(v, EPOCH_BOUNDS) } })} />
            {show('advanced') && (
              <NumberField label="Models per ensemble (N)" value={experiment.ensemble.models} {...N_BOUNDS} step={1} hint="More models: a lower noise floor and sharper attacks, more time." onCommit={(v) => update({ ensemble: { models: clampInt(v, N_BOUNDS) } })} />
            )}
          </fieldset>
        )}
        <p className={styles.help}>
          Forget set: {describeForget(experiment.forget)} · seed {experiment.seed}
        </p>
        {blocker && !running && (
          <p className={styles.blocker} role="status" data-testid="run-blocker">
            {blocker}
          </p>
        )}
      </div>
      <footer className={styles.panelFoot}>
        <RunProgress />
        <div className={styles.buttons}>
          <button type="button" className={styles.primary} data-testid="run-experiment" disabled={running || training || !datasetReady || blocker != null} onClick={() => void startExperiment()}>
            Run
          </button>
          <button type="button" className={styles.secondary} data-testid="cancel-experiment" disabled={!running} onClick={cancelExperiment}>
            Cancel
          </button>
          <ExportBar />
        </div>
      </footer>
    </section>
  );
}

function clampInt(v: number, b: { min: number; max: number }): number {
  return Math.round(Math.min(b.max, Math.max(b.min, v)));
}

function describeForget(f: ReturnType<typeof useExperimentStore.getState>['experiment']['forget']): string {
  switch (f.kind) {
    case 'indices':
      return `${f.indices.length} hand-picked images`;
    case 'random':
      return `${f.count} random images`;
    case 'class':
      return `class ${f.classIndex}${f.count ? ` (${f.count} images)` : ''}`;
    case 'subpopulation':
      return `sub-population ${f.cluster} of class ${f.classIndex} (${f.count} images)`;
    case 'mislabeled':
      return `${f.count} mislabeled images`;
    case 'backdoor':
      return `${f.count} backdoored images (target class ${f.targetClass})`;
  }
}
