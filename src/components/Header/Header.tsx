/** The lab's title bar: name, what it is, and the active compute backend. */
import { BackendBadge } from './BackendBadge';
import styles from './Header.module.css';

export function Header() {
  return (
    <header className={styles.header}>
      <div className={styles.brand}>
        <img src={`${import.meta.env.BASE_URL}favicon.svg`} alt="" width={28} height={28} />
        <div>
          <h1 className={styles.name}>Unlearning Lab</h1>
          <p className={styles.tagline}>Train a classifier, make it forget, measure what changed — all in your browser.</p>
        </div>
      </div>
      <BackendBadge />
    </header>
  );
}
