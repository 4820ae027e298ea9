/**
 * Which tfjs backend the worker runs on, as a coloured badge with text. When the
 * requested backend could not start, the badge says "fell back" and its hover text and
 * details list each skipped backend with the reason, so a slow run is never a mystery.
 * The details also hold the backend picker.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { setBackendPreference } from '../../state/actions';
import { useBusy } from '../../state/busy';
import { useLab } from '../../state/store';
import { BACKEND_PREFERENCES } from '../../state/url';
import type { BackendPreference } from '../../../workers/entry/lab-api';
import { BACKEND_COLOUR, BACKEND_LABEL } from './backend-names';
import styles from './BackendBadge.module.css';

export function BackendBadge() {
  const backend = useLab((s) => s.backend);
  const preference = useLab((s) => s.backendPreference);
  const running = useBusy() != null;
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  useDismiss(open, rootRef, () => setOpen(false));

  const report = backend.report;
  const active = backend.status === 'ready' && report ? report.active : null;
  // Falling back from an explicit choice is news; 'auto' skipping webgpu is routine but still listed.
  const fellBack = report != null && report.requested !== 'auto' && report.active !== report.requested;
  const reasons = report?.fallbacks.map((f) => `${BACKEND_LABEL[f.backend]}: ${f.reason}`) ?? [];
  const text =
    backend.status === 'starting' ? 'Starting…' : backend.status === 'error' ? 'No backend' : active ? BACKEND_LABEL[active] : '';
  const speed = report?.measured?.find((m) => m.backend === report.active)?.modelImagesPerSecond ?? null;
  const engine = report?.engine === 'native' ? `native kernels${report.fusedMultiplyAdd ? ' with fused multiply-add' : ''} × ${report.threads ?? 1} thread${report.threads === 1 ? '' : 's'}` : report ? 'tfjs' : '';
  const hover = fellBack ? `Fell back: ${reasons.join('; ')}` : report?.adapterInfo ?? text;

  return (
    <div className={styles.root} ref={rootRef}>
      <button
        type="button"
        className={`${styles.badge} ${fellBack ? styles.warn : ''}`}
        data-testid="backend-badge"
        data-backend={active ?? backend.status}
        data-fell-back={fellBack}
        aria-expanded={open}
        aria-controls={detailsId}
        title={hover}
        onClick={() => setOpen((o) => !o)}
      >
        <span
          className={`${styles.dot} ${backend.status === 'starting' ? styles.pulse : ''}`}
          style={{ background: active ? BACKEND_COLOUR[active] : undefined }}
          aria-hidden
        />
        <span className={styles.kicker}>Backend</span>
        <span className={styles.name}>{text}</span>
        {speed != null && (
          <span className={styles.speed} data-testid="backend-speed" title="The lab's training step, measured on this device when it chose the backend">
            {formatSpeed(speed)}
          </span>
        )}
        {fellBack && <span className={styles.fell}>fell back</span>}
        <span className={styles.chevron} aria-hidden>
          ▾
        </span>
      </button>
      {open && (
        <div id={detailsId} className={styles.details} role="dialog" aria-label="Backend details">
          <div className={styles.pickRow}>
            <label htmlFor={`${detailsId}-pick`}>Run on</label>
            <select
              id={`${detailsId}-pick`}
              value={preference}
              disabled={running}
              onChange={(e) => setBackendPreference(e.target.value as BackendPreference)}
            >
              {BACKEND_PREFERENCES.map((p) => (
                <option key={p} value={p}>
                  {BACKEND_LABEL[p]}
                </option>
              ))}
            </select>
          </div>
          {report && (
            <dl className={styles.facts}>
              <dt>Active</dt>
              <dd>
                {BACKEND_LABEL[report.active]}
                {engine ? ` (${engine})` : ''}
              </dd>
              {report.measured && (
                <>
                  <dt>Measured</dt>
                  <dd data-testid="backend-measured">
                    {report.measured
                      .map((m) => `${BACKEND_LABEL[m.backend]}: ${m.modelImagesPerSecond == null ? 'not timed' : formatSpeed(m.modelImagesPerSecond)}`)
                      .join(' · ')}
                    {report.measuredFromCache ? ' (remembered for this device)' : ''}
                  </dd>
                </>
              )}
              {report.adapterInfo && (
                <>
                  <dt>Device</dt>
                  <dd>
                    {report.adapterInfo}
                    {report.isFallbackAdapter ? ' (software adapter: expect CPU speeds)' : ''}
                  </dd>
                </>
              )}
            </dl>
          )}
          {reasons.length > 0 && (
            <div className={styles.fallbacks} data-testid="backend-fallbacks">
              <p className={styles.fallbackTitle}>{fellBack ? 'Fell back because' : 'Skipped'}</p>
              <ul>
                {reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            </div>
          )}
          <p className={styles.note}>Choosing another backend restarts it; the choice is kept in the page's link.</p>
        </div>
      )}
    </div>
  );
}

/** Training speed in model-images per second, short: "212k img/s". */
function formatSpeed(v: number): string {
  return v >= 1e6 ? `${(v / 1e6).toFixed(1)}M img/s` : v >= 1e3 ? `${Math.round(v / 1e3)}k img/s` : `${Math.round(v)} img/s`;
}

/** Closes the details on Escape or a click outside. */
function useDismiss(open: boolean, root: React.RefObject<HTMLElement | null>, close: () => void) {
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && close();
    const onDown = (e: PointerEvent) => root.current?.contains(e.target as Node) || close();
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onDown);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onDown);
    };
  }, [open, root, close]);
}
