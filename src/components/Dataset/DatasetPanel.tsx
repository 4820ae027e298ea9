/**
 * The dataset panel: choose the data, see every training image, filter by class.
 * Files can also be dropped anywhere on the panel.
 */
import { useState } from 'react';
import { loadFiles } from '../../state/actions';
import { useBusy } from '../../state/busy';
import { DatasetRequirementNotice } from './DatasetRequirementNotice';
import { patchGrid, useLab } from '../../state/store';
import { Panel } from '../Panel/Panel';
import { ClassFilter } from './ClassFilter';
import { DatasetPicker } from './DatasetPicker';
import { ThumbnailGrid } from './ThumbnailGrid';
import { useGridSelection } from '../Forget/useGridSelection';
import { useFileDrop } from './useFileDrop';
import styles from './DatasetPanel.module.css';

const ZOOMS = [
  { label: 'S', thumb: 32, name: 'small (actual size)' },
  { label: 'M', thumb: 48, name: 'medium' },
  { label: 'L', thumb: 64, name: 'large' },
];

export function DatasetPanel() {
  const dataset = useLab((s) => s.dataset);
  const classFilter = useLab((s) => s.grid.classFilter);
  const running = useBusy() != null;
  const [thumb, setThumb] = useState(48);
  const busy = running || dataset.status === 'loading';
  const { over, handlers } = useFileDrop((files) => void loadFiles(files), !busy);
  const summary = dataset.summary;
  const selection = useGridSelection();

  const zoom = (
    <div className={styles.zoom} role="group" aria-label="Thumbnail size">
      {ZOOMS.map((z) => (
        <button key={z.label} type="button" aria-pressed={thumb === z.thumb} title={`Thumbnails ${z.name}`} onClick={() => setThumb(z.thumb)}>
          {z.label}
        </button>
      ))}
    </div>
  );

  return (
    <Panel
      id="dataset"
      title="Training data"
      explanation="The images the model learns from. Click, shift-click or drag to pick images for it to forget."
      actions={zoom}
      className={styles.panel}
    >
      <div className={styles.dropArea} {...handlers}>
        <DatasetRequirementNotice />
        <div data-control="dataset">
          <DatasetPicker disabled={busy} />
        </div>
        <p className={`${styles.summary} tabular`} data-testid="dataset-summary">
          {summary ? (
            <>
              <strong>{summary.trainSize.toLocaleString('en')}</strong> train ·{' '}
              <strong>{summary.validationSize.toLocaleString('en')}</strong> validation · {summary.classNames.length} classes · <span title={`Content hash ${summary.hash}`} className={styles.hash}>#{summary.hash.slice(0, 8)}</span>
            </>
          ) : (
            'Preparing images…'
          )}
        </p>
        {summary && (
          <ClassFilter
            classNames={summary.classNames}
            counts={summary.classCounts}
            value={classFilter}
            onChange={(c) => patchGrid({ classFilter: c })}
          />
        )}
        <div className={styles.gridArea} aria-busy={dataset.status === 'loading'}>
          {dataset.pixels && dataset.labels && summary ? (
            <ThumbnailGrid
              pixels={dataset.pixels}
              labels={dataset.labels}
              classNames={summary.classNames}
              classFilter={classFilter}
              thumb={thumb}
              selected={selection.selected}
              onSelect={selection.onSelect}
              onPoint={selection.onPoint}
            />
          ) : (
            <div className={styles.placeholder} />
          )}
          {dataset.status === 'loading' && (
            <div className={styles.loading} role="status">
              <span className={styles.spinner} aria-hidden /> Loading {dataset.label}…
            </div>
          )}
          {over && (
            <div className={styles.dropHint}>
              Drop CIFAR-10 files here: <code>data_batch_*.bin</code>, <code>test_batch.bin</code> (and{' '}
              <code>batches.meta.txt</code>), or <code>cifar-10-binary.tar.gz</code>
            </div>
          )}
        </div>
      </div>
    </Panel>
  );
}
