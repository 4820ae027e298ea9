/** The chosen forget set at a glance: size, why it cannot run (if so), class histogram, thumbnails. */
import { useEffect, useMemo, useRef } from 'react';
import { ThumbnailAtlas } from '../Dataset/thumbnail-atlas';
import { useExperimentStore } from '../../state/experiment-store';
import { useLab } from '../../state/store';
import { useForget } from './forget-store';
import { CLASS_COLOURS } from './PoolMapCanvas';
import { plural } from '../../../workers/engine/util/plural';
import { describeRule } from './describe-rule';
import styles from './ForgetPanel.module.css';

const PER_ROW = 10;
const STRIP = 30;

export function ForgetSummary() {
  const rule = useExperimentStore((s) => s.experiment.forget);
  const { status, indices, classCounts, problem, poisoned } = useForget();
  const summary = useLab((s) => s.dataset.summary);
  const pixels = useLab((s) => s.dataset.pixels);
  const classNames = summary?.classNames ?? [];
  const max = Math.max(1, ...classCounts);
  return (
    <div className={styles.summary}>
      <p className={styles.size} data-testid="forget-size">
        <strong className="tabular">{status === 'resolving' ? '…' : indices.length.toLocaleString('en')}</strong> {indices.length === 1 ? 'image' : 'images'} to forget · {describeRule(rule, classNames)}
        {poisoned && <span className={styles.poison}> · poisoned before training</span>}
      </p>
      {problem && (
        <p className={styles.problem} role="alert" data-testid="forget-problem">
          {problem} Run is disabled until the set is fixed.
        </p>
      )}
      <div className={styles.hist} aria-label="Forget set by class">
        {classNames.map((n, c) => (
          <div key={n} className={styles.histCol} title={`${n}: ${classCounts[c] ?? 0}`}>
            <div className={styles.histBars}>
              <div className={styles.histBar} style={{ height: `${((classCounts[c] ?? 0) / max) * 100}%`, background: CLASS_COLOURS[c % CLASS_COLOURS.length] }} />
            </div>
            <span className={styles.histLabel}>{n}</span>
          </div>
        ))}
      </div>
      {pixels && <Strip pixels={pixels} indices={indices} />}
    </div>
  );
}

function Strip({ pixels, indices }: { pixels: Uint8Array; indices: Int32Array }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const atlas = useMemo(() => new ThumbnailAtlas(pixels, pixels.length / 3072), [pixels]);
  const shown = Math.min(indices.length, STRIP);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const size = 24;
    canvas.width = PER_ROW * (size + 2);
    canvas.height = Math.max(1, Math.ceil(shown / PER_ROW)) * (size + 2);
    ctx.imageSmoothingEnabled = false;
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    for (let k = 0; k < shown; k++) atlas.draw(ctx, indices[k], (k % PER_ROW) * (size + 2), Math.floor(k / PER_ROW) * (size + 2), size);
  }, [atlas, indices, shown]);
  return (
    <div className={styles.strip}>
      <canvas ref={ref} className={styles.stripCanvas} data-testid="forget-strip" aria-label={`First ${plural(shown, 'image')} of the forget set`} role="img" />
      {indices.length > shown && <span className={styles.more}>+{(indices.length - shown).toLocaleString('en')} more</span>}
    </div>
  );
}
