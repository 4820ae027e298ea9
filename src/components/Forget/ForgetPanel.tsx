/**
 * The forget-set picker: rule buttons (random k, whole class, sub-population, mislabeled,
 * backdoor), the chosen set always in view (size, class histogram, thumbnails), a 2-D
 * map of the pool with lasso selection, and the instant DMM preview. Hand-picking happens
 * on the dataset grid (click, shift-click, drag) and on the map.
 */
import { useEffect, useState } from 'react';
import { MAX_FORGET, type ForgetRule } from '../../../workers/engine/experiment/schema';
import { useBusy } from '../../state/busy';
import { useExperimentStore } from '../../state/experiment-store';
import { useLab } from '../../state/store';
import { Panel } from '../Panel/Panel';
import { clearSelection, editSelection, loadPoolMap, setFocus, setRule } from './forget-actions';
import { useForget } from './forget-store';
import { ForgetSummary } from './ForgetSummary';
import { PoolMapCanvas } from './PoolMapCanvas';
import { PreviewBox } from './PreviewBox';
import styles from './ForgetPanel.module.css';

const TABS = ['set', 'map', 'preview'] as const;
type Tab = (typeof TABS)[number];
const TAB_LABELS: Record<Tab, string> = { set: 'Chosen set', map: 'Map', preview: 'Instant preview' };

/** The most images a rule may pick: the engine's forget-set limit. */
const MAX_K = MAX_FORGET;

function kProblem(text: string): string | null {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) return `k must be a number from 1 to ${MAX_K.toLocaleString('en')}.`;
  if (!Number.isInteger(n)) return `k must be a whole number.`;
  if (n < 1 || n > MAX_K) return `k = ${n.toLocaleString('en')} is out of range (1 to ${MAX_K.toLocaleString('en')}).`;
  return null;
}

export function ForgetPanel() {
  const rule = useExperimentStore((s) => s.experiment.forget);
  const summary = useLab((s) => s.dataset.summary);
  const labels = useLab((s) => s.dataset.labels);
  const classFilter = useLab((s) => s.grid.classFilter);
  const map = useForget((s) => s.map);
  const mapStatus = useForget((s) => s.mapStatus);
  const mask = useForget((s) => s.mask);
  // A run keeps the set it started with (it was sent with the run); editing here plans the
  // next one, with the instant preview from its own worker, and the results then say so.
  const running = useBusy()?.kind === 'experiment';
  const [tab, setTab] = useState<Tab>('set');
  const [count, setCount] = useState(100);
  const [countText, setCountText] = useState('100');
  const countProblem = kProblem(countText);
  const [clsChoice, setCls] = useState<number | null>(null);
  // The grid's class filter is the default class for the class rules.
  const cls = clsChoice ?? classFilter ?? 3;
  const [cluster, setCluster] = useState(0);

  useEffect(() => {
    if (tab === 'map' && summary) void loadPoolMap();
  }, [tab, summary]);

  const onTabKey = (e: React.KeyboardEvent<HTMLDivElement>) => {
    const i = TABS.indexOf(tab);
    const next = e.key === 'ArrowRight' ? TABS[(i + 1) % TABS.length] : e.key === 'ArrowLeft' ? TABS[(i + TABS.length - 1) % TABS.length] : e.key === 'Home' ? TABS[0] : e.key === 'End' ? TABS[TABS.length - 1] : null;
    if (!next) return;
    e.preventDefault();
    setTab(next);
    document.getElementById(`forget-tab-${next}`)?.focus();
  };

  const classNames = summary?.classNames ?? [];
  const k = count;
  const rules: { id: ForgetRule['kind']; label: string; title: string; rule: ForgetRule }[] = [
    { id: 'random', label: `Random ${k}`, title: `${k} images drawn at random from the pool (the easy case)`, rule: { kind: 'random', count: k } },
    { id: 'class', label: 'Whole class', title: `Every image of the class ${classNames[cls] ?? cls}`, rule: { kind: 'class', classIndex: cls } },
    { id: 'subpopulation', label: 'Sub-population', title: `Cluster ${cluster} of ${classNames[cls] ?? cls} in feature space (the hard case), up to ${k} images`, rule: { kind: 'subpopulation', classIndex: cls, clusters: 5, cluster, count: k } },
    { id: 'mislabeled', label: `Mislabeled ${k}`, title: `${k} images get a wrong label before training; forgetting them repairs the model`, rule: { kind: 'mislabeled', count: k } },
    { id: 'backdoor', label: `Backdoor ${k}`, title: `${k} images get a trigger patch and the label ${classNames[0] ?? 0}; forgetting them should remove the backdoor`, rule: { kind: 'backdoor', count: k, targetClass: 0, patchSize: 4 } },
  ];

  return (
    <Panel
      id="forget"
      title="Forget set"
      explanation="The training images the model must forget. Pick them on the grid, on the map, or with a rule."
      className={styles.panel}
    >
      {running && (
        <p className={styles.locked} role="status" data-testid="forget-running">
          The running experiment keeps the set it started with. Changes here are for your next run (the preview follows them), and its results will say they are for the earlier set.
        </p>
      )}
      <fieldset className={styles.rules} aria-label="Forget-set rules">
        {rules.map((r) => (
          <button key={r.id} type="button" className={styles.rule} aria-pressed={rule.kind === r.id} title={r.title} onClick={() => setRule(r.rule)} data-rule={r.id}>
            {r.label}
          </button>
        ))}
        <button type="button" className={styles.rule} onClick={clearSelection} title="Empty the forget set, then pick images by hand" data-rule="clear">
          Clear
        </button>
      </fieldset>
      <fieldset className={styles.params} data-control="advanced">
        <label>
          k{' '}
          <input
            type="number"
            min={1}
            max={MAX_K}
            step={1}
            value={countText}
            onChange={(e) => {
              setCountText(e.target.value);
              if (kProblem(e.target.value) == null) setCount(Number(e.target.value));
            }}
            aria-label="Images per rule (k)"
            aria-invalid={countProblem != null}
            title={`1 to ${MAX_K.toLocaleString('en')} images`}
            className={styles.num}
          />
        </label>
        {countProblem && (
          <span className={styles.kError} role="alert" data-testid="k-problem">
            {countProblem} The rules keep k = {count}.
          </span>
        )}
        <label>
          class{' '}
          <select value={cls} onChange={(e) => setCls(Number(e.target.value))} aria-label="Class for class rules">
            {classNames.map((n, c) => (
              <option key={n} value={c}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label>
          cluster{' '}
          <select value={cluster} onChange={(e) => setCluster(Number(e.target.value))} aria-label="Sub-population cluster">
            {[0, 1, 2, 3, 4].map((c) => (
              <option key={c} value={c}>
                {c + 1} of 5
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      {/* The ARIA tabs pattern: one Tab stop for the list, arrows move between tabs. */}
      <div className={styles.tabs} role="tablist" aria-label="Forget-set views" onKeyDown={onTabKey}>
        {TABS.map((t) => (
          <button
            key={t}
            id={`forget-tab-${t}`}
            type="button"
            role="tab"
            aria-selected={tab === t}
            aria-controls="forget-tabpanel"
            tabIndex={tab === t ? 0 : -1}
            onClick={() => setTab(t)}
            className={styles.tab}
          >
            {TAB_LABELS[t]}
          </button>
        ))}
      </div>
      <div className={styles.tabBody} id="forget-tabpanel" role="tabpanel" aria-labelledby={`forget-tab-${tab}`} tabIndex={0}>
        {tab === 'set' && <ForgetSummary />}
        {tab === 'map' &&
          (map && labels && map.xy.length === labels.length * 2 ? (
            <>
              <PoolMapCanvas
                map={map}
                labels={labels}
                selected={mask}
                onLasso={(idx, remove) => (remove ? editSelection([], idx) : editSelection(idx))}
                onHover={(i) => i != null && setFocus(i)}
              />
              <p className={styles.note}>
                PCA of the fixed image features ({Math.round(map.explained[0] * 100)}% + {Math.round(map.explained[1] * 100)}% of their variance). Drag a lasso to add images; alt-drag removes.
              </p>
            </>
          ) : (
            <p className={styles.note} role="status">
              {mapStatus === 'error' ? 'The map could not be computed.' : 'Computing the map of the training images…'}
            </p>
          ))}
        {tab === 'preview' && <PreviewBox />}
      </div>
    </Panel>
  );
}
