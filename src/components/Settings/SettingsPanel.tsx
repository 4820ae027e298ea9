/**
 * The experiment's settings in one place: the model, its training recipe and N, the models
 * per ensemble. It edits the experiment description itself (the one the link carries and
 * Run runs), with the engine's own bounds and per-model defaults. "Quick check" trains one
 * model with these very settings and charts its learning curves next door.
 */
import { defaultTraining } from '../../../workers/engine/experiment/defaults';
import { experimentSchema } from '../../../workers/engine/experiment/schema';
import { modelSpecSchema, type ModelKind } from '../../../workers/engine/models/spec';
import { trainingSchema } from '../../../workers/engine/train/training-schema';
import { cancelTraining, train } from '../../state/actions';
import { useBusy } from '../../state/busy';
import { useExperimentStore } from '../../state/experiment-store';
import { useLab } from '../../state/store';
import { numberBounds } from '../Experiment/schema-fields';
import { Field, controlClass } from '../Field/Field';
import { Panel } from '../Panel/Panel';
import { ModelChooser } from '../Training/ModelChooser';
import { NumberField } from '../Training/NumberField';
import styles from './SettingsPanel.module.css';

const B = {
  hidden: numberBounds(modelSpecSchema.shape.hidden),
  epochs: numberBounds(trainingSchema.shape.epochs),
  learningRate: numberBounds(trainingSchema.shape.learningRate),
  batchSize: numberBounds(trainingSchema.shape.batchSize),
  models: numberBounds(experimentSchema.shape.ensemble.shape.models),
};

export function SettingsPanel() {
  const experiment = useExperimentStore((s) => s.experiment);
  const update = useExperimentStore((s) => s.update);
  const hidden = useExperimentStore((s) => s.hidden);
  const busy = useBusy();
  const training = useLab((s) => s.run.status === 'running');
  const datasetReady = useLab((s) => s.dataset.status === 'ready');
  const { model, training: recipe } = experiment;
  const locked = busy != null;
  const setRecipe = (patch: Partial<typeof recipe>) => update({ training: { ...recipe, ...patch } });
  const chooseModel = (kind: ModelKind) => {
    if (kind !== model.kind) update({ model: { ...model, kind }, training: defaultTraining(kind) });
  };

  return (
    <Panel id="settings" title="Experiment settings" explanation="The models every method is measured on: which classifier, how it trains, and how many of each (N)." className={styles.panel}>
      <fieldset className={styles.fields} disabled={locked}>
        <div data-control="model">
          <ModelChooser value={model.kind} disabled={locked} onChange={chooseModel} />
        </div>
        <div className={styles.grid}>
          {model.kind === 'mlp' && (
            <NumberField label="Hidden units" value={model.hidden} {...B.hidden} step={1} hint="Width of the MLP's hidden layer" onCommit={(h) => update({ model: { ...model, hidden: h } })} />
          )}
          <NumberField label="Epochs" value={recipe.epochs} {...B.epochs} step={1} hint="Passes over the training images, for every original, oracle and subset model" onCommit={(epochs) => setRecipe({ epochs })} />
          <NumberField label="Learning rate" value={recipe.learningRate} {...B.learningRate} step="any" integer={false} hint="Adam step size" onCommit={(learningRate) => setRecipe({ learningRate })} />
          <NumberField label="Batch size" value={recipe.batchSize} {...B.batchSize} step={1} hint="Images per step, shared by all models of an ensemble" onCommit={(batchSize) => setRecipe({ batchSize })} />
          <Field label="Schedule">
            {(id) => (
              <select id={id} className={controlClass} value={recipe.schedule} onChange={(e) => setRecipe({ schedule: e.target.value as typeof recipe.schedule })}>
                <option value="cosine">Cosine</option>
                <option value="constant">Constant</option>
              </select>
            )}
          </Field>
          {!hidden.includes('advanced') && (
            <NumberField label="Models (N)" value={experiment.ensemble.models} {...B.models} step={1} hint="More models: a lower KLoM noise floor and sharper attacks, more time. KLoM reads from about 32." onCommit={(models) => update({ ensemble: { models } })} />
          )}
        </div>
      </fieldset>
      {busy && (
        <p className={styles.locked} role="status" data-testid="settings-locked">
          {busy.reason}
        </p>
      )}
      <div className={styles.quick}>
        <p className={styles.quickText}>
          <strong>Quick check:</strong> train one model with these settings and watch its learning curves (no unlearning).
        </p>
        <div className={styles.buttons}>
          <button type="button" className={styles.train} onClick={() => void train()} disabled={busy != null || !datasetReady} data-testid="train-button" title={busy?.kind === 'experiment' ? busy.reason : undefined}>
            {training ? 'Training…' : 'Train one model'}
          </button>
          <button type="button" className={styles.cancel} onClick={cancelTraining} disabled={!training} data-testid="cancel-button">
            Cancel
          </button>
        </div>
      </div>
    </Panel>
  );
}
