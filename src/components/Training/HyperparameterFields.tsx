/** Epochs, learning rate, batch size and schedule (plus width for the MLP), within BOUNDS. */
import { editSettings } from '../../state/actions';
import { BATCH_SIZES, BOUNDS, type Settings } from '../../state/settings';
import { Field, controlClass } from '../Field/Field';
import { NumberField } from './NumberField';
import styles from './HyperparameterFields.module.css';

export function HyperparameterFields({ settings, disabled }: { settings: Settings; disabled: boolean }) {
  return (
    <div className={styles.grid}>
      <NumberField
        label="Epochs"
        value={settings.epochs}
        {...BOUNDS.epochs}
        step={1}
        disabled={disabled}
        hint={`Passes over the training images, ${BOUNDS.epochs.min} to ${BOUNDS.epochs.max}`}
        onCommit={(epochs) => editSettings({ epochs })}
      />
      <NumberField
        label="Learning rate"
        value={settings.learningRate}
        {...BOUNDS.learningRate}
        step="any"
        disabled={disabled}
        hint={`Adam step size, ${BOUNDS.learningRate.min} to ${BOUNDS.learningRate.max}`}
        onCommit={(learningRate) => editSettings({ learningRate })}
      />
      <Field label="Batch size">
        {(id) => (
          <select
            id={id}
            className={controlClass}
            value={settings.batchSize}
            disabled={disabled}
            onChange={(e) => editSettings({ batchSize: Number(e.target.value) })}
          >
            {BATCH_SIZES.map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Schedule">
        {(id) => (
          <select
            id={id}
            className={controlClass}
            value={settings.schedule}
            disabled={disabled}
            onChange={(e) => editSettings({ schedule: e.target.value as Settings['schedule'] })}
          >
            <option value="cosine">Cosine</option>
            <option value="constant">Constant</option>
          </select>
        )}
      </Field>
      {settings.kind === 'mlp' && (
        <NumberField
          label="Hidden units"
          value={settings.hidden}
          {...BOUNDS.hidden}
          step={16}
          disabled={disabled}
          hint={`Width of the MLP's hidden layer, ${BOUNDS.hidden.min} to ${BOUNDS.hidden.max}`}
          onCommit={(hidden) => editSettings({ hidden })}
        />
      )}
    </div>
  );
}
