/**
 * The model zoo as a segmented radio group (arrow keys move between models), with the
 * chosen model's one-line explanation from the engine shown underneath.
 */
import { MODEL_INFO, MODEL_KINDS, type ModelKind } from '../../../workers/engine/models/spec';
import styles from './ModelChooser.module.css';

/** Short names for the segments; the full label is in the description below. */
const SHORT: Record<ModelKind, string> = { linear: 'Linear', mlp: 'MLP', 'cnn-s': 'CNN' };

interface ModelChooserProps {
  value: ModelKind;
  disabled: boolean;
  onChange(kind: ModelKind): void;
}

export function ModelChooser({ value, disabled, onChange }: ModelChooserProps) {
  return (
    <fieldset className={styles.group} disabled={disabled}>
      <legend className={styles.legend}>Model</legend>
      <div className={styles.segments}>
        {MODEL_KINDS.map((kind) => (
          <label key={kind} className={styles.segment} title={MODEL_INFO[kind].explanation}>
            <input
              type="radio"
              name="model-kind"
              value={kind}
              checked={value === kind}
              onChange={() => onChange(kind)}
              aria-label={MODEL_INFO[kind].label}
              aria-describedby={value === kind ? 'model-explanation' : undefined}
            />
            <span>{SHORT[kind]}</span>
          </label>
        ))}
      </div>
      <p className={styles.explanation} id="model-explanation" data-testid="model-explanation">
        <strong>{MODEL_INFO[value].label}.</strong> {MODEL_INFO[value].explanation}
      </p>
    </fieldset>
  );
}
