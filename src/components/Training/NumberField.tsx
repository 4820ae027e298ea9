/**
 * A labelled number input that clamps on commit (blur or Enter), not on every
 * keystroke, so typing "0.005" is not fought mid-way. The store clamps again.
 */
import { useState } from 'react';
import { Field, controlClass } from '../Field/Field';

interface NumberFieldProps {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number | 'any';
  disabled?: boolean;
  hint?: string;
  onCommit(value: number): void;
}

export function NumberField({ label, value, min, max, step, disabled, hint, onCommit }: NumberFieldProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft == null) return;
    const n = Number(draft);
    if (draft.trim() !== '' && Number.isFinite(n)) onCommit(n);
    setDraft(null);
  };
  return (
    <Field label={label}>
      {(id) => (
        <input
          id={id}
          className={`${controlClass} tabular`}
          type="number"
          inputMode="decimal"
          value={draft ?? String(value)}
          min={min}
          max={max}
          step={step}
          disabled={disabled}
          title={hint ?? `${min} to ${max}`}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => e.key === 'Enter' && commit()}
        />
      )}
    </Field>
  );
}
