/**
 * A chart's frame: title, a plain-language explanation, SVG/PNG export, and a body of
 * FIXED height, so results streaming in never move the page.
 */
import { useRef, type ReactNode } from 'react';
import { exportPng, exportSvg } from './chart-export';
import styles from './Charts.module.css';

interface ChartCardProps {
  id: string;
  title: string;
  explanation: ReactNode;
  height: number;
  /** Shown over the body while there is nothing to draw. */
  empty?: string | null;
  /** Extra controls in the title row (group picker…). */
  actions?: ReactNode;
  /** Charts drawn on canvas or as a table have no SVG to export. */
  exportable?: boolean;
  wide?: boolean;
  children: ReactNode;
}

export function ChartCard({ id, title, explanation, height, empty, actions, exportable = true, wide, children }: ChartCardProps) {
  const body = useRef<HTMLDivElement>(null);
  const name = `unlearning-lab-${id}`;
  return (
    <figure className={`${styles.card} ${wide ? styles.wide : ''}`} data-testid={`chart-${id}`} aria-labelledby={`${id}-title`}>
      <div className={styles.head}>
        <h3 id={`${id}-title`} className={styles.title}>{title}</h3>
        <div className={styles.actions}>
          {actions}
          {exportable && (
            <>
              <button type="button" className={styles.small} disabled={!!empty} onClick={() => body.current && exportSvg(body.current, name)} aria-label={`Download ${title} as SVG`}>
                SVG
              </button>
              <button type="button" className={styles.small} disabled={!!empty} onClick={() => body.current && void exportPng(body.current, name)} aria-label={`Download ${title} as PNG`}>
                PNG
              </button>
            </>
          )}
        </div>
      </div>
      <figcaption className={styles.explanation}>{explanation}</figcaption>
      <div ref={body} className={styles.body} style={{ height }}>
        {children}
        {empty && <div className={styles.empty}>{empty}</div>}
      </div>
    </figure>
  );
}
