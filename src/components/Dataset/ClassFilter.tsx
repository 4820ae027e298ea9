/** Chips that narrow the grid to one class, each with its image count. */
import styles from './ClassFilter.module.css';

interface ClassFilterProps {
  classNames: string[];
  counts: number[];
  value: number | null;
  onChange(value: number | null): void;
}

export function ClassFilter({ classNames, counts, value, onChange }: ClassFilterProps) {
  const total = counts.reduce((a, b) => a + b, 0);
  const chip = (key: string, label: string, count: number, v: number | null) => (
    <button
      key={key}
      type="button"
      className={styles.chip}
      aria-pressed={value === v}
      onClick={() => onChange(v)}
      data-class={v ?? 'all'}
    >
      {label} <span className={`${styles.count} tabular`}>{count.toLocaleString('en')}</span>
    </button>
  );
  return (
    <div className={styles.row} role="group" aria-label="Show only one class">
      {chip('all', 'All', total, null)}
      {classNames.map((name, c) => chip(name, name, counts[c] ?? 0, c))}
    </div>
  );
}
