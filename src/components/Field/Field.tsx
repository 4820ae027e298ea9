/**
 * A label above one form control, tied by id (not by wrapping), so the control's
 * accessible name is exactly the label text and not the label plus the select's options.
 */
import { useId, type ReactNode } from 'react';
import styles from './Field.module.css';

interface FieldProps {
  label: string;
  /** Renders the control with the id the label points at. */
  children(id: string): ReactNode;
}

export function Field({ label, children }: FieldProps) {
  const id = useId();
  return (
    <div className={styles.field}>
      <label className={styles.label} htmlFor={id}>
        {label}
      </label>
      {children(id)}
    </div>
  );
}

/** Class for inputs and selects inside a Field, so they share one look. */
export const controlClass = styles.control;
