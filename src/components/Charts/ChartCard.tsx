/**
 * A chart's frame: title, a plain-language explanation, SVG/PNG export, a body of FIXED
 * height (results streaming in never move the page), and the chart's data as a table on
 * demand for screen readers and for reading exact values.
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
  /** The chart's numbers as a table, shown on demand (the text alternative to the picture). */
  table?: ChartTable;
  children: ReactNode;
}

export interface ChartTable {
  columns: string[];
  rows: (string | number)[][];
}

export function ChartCard({ id, title, explanation, height, empty, actions, exportable = true, wide, table, children }: ChartCardProps) {
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
      {table && !empty && table.rows.length > 0 && (
        <details className={styles.dataTable}>
          <summary>Data as a table</summary>
          <table className={`${styles.table} tabular`} aria-label={`${title}: data`}>
            <thead>
              <tr>
                {table.columns.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((r, i) => (
                <tr key={i}>
                  {r.map((v, j) => (j === 0 ? <th key={j} scope="row">{v}</th> : <td key={j}>{v}</td>))}
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </figure>
  );
}
