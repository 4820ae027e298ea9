/**
 * A labelled number input with its bounds in view. A value is committed on blur or Enter,
 * not on every keystroke (typing "0.005" is not fought mid-way), and only if it is a number
 * inside the bounds: anything else is refused with a message next to the field and the
 * previous value stays (no silent clamping).
 */
import { useId, useState } from 'react';
import { Field, controlClass } from '../Field/Field';
import styles from './NumberField.module.css';

interface NumberFieldProps {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number | 'any';
  /** Whole numbers only. */
  integer?: boolean;
  disabled?: boolean;
  hint?: string;
  onCommit(value: number): void;
}

const show = (v: number) => (Math.abs(v) >= 1e6 ? v.toExponential(0) : String(v));

export function NumberField({ label, value, min, max, step, integer = step === 1, disabled, hint, onCommit }: NumberFieldProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const problemId = useId();
  const commit = () => {
    if (draft == null) return;
    const n = Number(draft);
    if (draft.trim() === '' || !Number.isFinite(n)) setProblem(`Not a number: enter ${show(min)} to ${show(max)}.`);
    else if (n < min || n > max) setProblem(`${show(n)} is out of range: ${label.toLowerCase()} must be ${show(min)} to ${show(max)}.`);
    else if (integer && !Number.isInteger(n)) setProblem(`${show(n)} is not a whole number.`);
    else {
      setProblem(null);
      setDraft(null);
      onCommit(n);
      return;
    }
  };
  return (
    <Field label={`${label}`}>
      {(id) => (
        <>
          <input
            id={id}
            className={`${controlClass} tabular ${problem ? styles.invalid : ''}`}
            type="number"
            inputMode="decimal"
            value={draft ?? String(value)}
            min={min}
            max={max}
            step={step}
            disabled={disabled}
            title={hint ?? `${min} to ${max}`}
            aria-invalid={problem != null}
            aria-describedby={problem ? problemId : undefined}
            onChange={(e) => setDraft(e.target.value)}
            onBlur={commit}
            onKeyDown={(e) => {
              if (e.key === 'Enter') commit();
              if (e.key === 'Escape') {
                setDraft(null);
                setProblem(null);
              }
            }}
          />
          {problem ? (
            <span id={problemId} className={styles.problem} role="alert" data-testid="field-problem">
              {problem}
            </span>
          ) : (
            <span className={styles.range}>
              {show(min)}–{show(max)}
            </span>
          )}
        </>
      )}
    </Field>
  );
}
