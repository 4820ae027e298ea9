/** The forget / retain / validation toggle of the charts that show one group at a time. */
import { GROUP_LABEL, GROUPS, type Group } from './chart-data';
import styles from './Charts.module.css';

export function GroupButtons({ group, setGroup }: { group: Group; setGroup: (g: Group) => void }) {
  return GROUPS.map((g) => (
    <button key={g} type="button" className={styles.small} aria-pressed={g === group} onClick={() => setGroup(g)}>
      {GROUP_LABEL[g]}
    </button>
  ));
}
