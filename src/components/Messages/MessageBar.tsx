/**
 * Errors, warnings and notes from the lab, shown as dismissible strips under the
 * header. Errors are announced to screen readers; nothing ever uses alert().
 * The bar floats at the bottom right, over the page instead of pushing it down, so a
 * message never moves the controls under the pointer nor covers the toolbar.
 */
import { dismissMessage, useLab } from '../../state/store';
import styles from './MessageBar.module.css';

export function MessageBar() {
  const messages = useLab((s) => s.messages);
  return (
    <div className={styles.bar} aria-live="polite">
      {messages.map((m) => (
        <div
          key={m.id}
          className={`${styles.message} ${styles[m.tone]}`}
          role={m.tone === 'error' ? 'alert' : 'status'}
          data-testid="message"
          data-tone={m.tone}
        >
          <span className={styles.icon} aria-hidden>
            {m.tone === 'error' ? '!' : m.tone === 'warning' ? '⚠' : 'i'}
          </span>
          <div className={styles.text}>
            <strong>{m.title}.</strong> {m.text}
          </div>
          {m.action && (
            <button
              type="button"
              className={styles.action}
              onClick={() => {
                dismissMessage(m.id);
                m.action!.run();
              }}
            >
              {m.action.label}
            </button>
          )}
          <button type="button" className={styles.close} onClick={() => dismissMessage(m.id)} aria-label={`Dismiss: ${m.title}`}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
