/**
 * A titled card with a one-line plain-language explanation under the title: every
 * panel of the lab says what it is for, for students who meet the idea for the first time.
 */
import type { ReactNode } from 'react';
import styles from './Panel.module.css';

interface PanelProps {
  id: string;
  title: string;
  explanation: ReactNode;
  /** Controls shown at the right of the title row. */
  actions?: ReactNode;
  className?: string;
  children: ReactNode;
}

export function Panel({ id, title, explanation, actions, className, children }: PanelProps) {
  const headingId = `${id}-title`;
  return (
    <section className={`${styles.panel} ${className ?? ''}`} aria-labelledby={headingId} data-panel={id}>
      <header className={styles.head}>
        <div className={styles.titles}>
          <h2 id={headingId} className={styles.title}>
            {title}
          </h2>
          <p className={styles.explanation}>{explanation}</p>
        </div>
        {actions && <div className={styles.actions}>{actions}</div>}
      </header>
      <div className={styles.body}>{children}</div>
    </section>
  );
}
