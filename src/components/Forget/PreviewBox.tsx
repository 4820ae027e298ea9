/**
 * The instant preview: with datamodels, what retraining without the forget set is
 * predicted to do (DM-direct's view), updated on every change of the set; without, how
 * to get them.
 */
import { useLab } from '../../state/store';
import { computeDatamodels, importDatamodelsFiles } from './forget-actions';
import { useForget } from './forget-store';
import styles from './ForgetPanel.module.css';

/** Datamodels computed elsewhere (a GPU cluster), as NumPy files. */
function ImportNpy() {
  const computing = useForget((s) => s.datamodelsStatus === 'computing');
  return (
    <div className={styles.note}>
      <label>
        Import datamodels (.npy)…{' '}
        <input
          type="file"
          className={styles.fileInput}
          accept=".npy"
          multiple
          disabled={computing}
          data-testid="import-datamodels"
          onChange={(e) => {
            const files = Array.from(e.currentTarget.files ?? []);
            e.currentTarget.value = '';
            void importDatamodelsFiles(files);
          }}
        />
      </label>
      <br />
      β as [train, targets] or [train, targets, classes] float32/float16, C order; optional intercepts/margins (files named *intercept*, *margin*).
    </div>
  );
}

const pct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '–');

export function PreviewBox() {
  const { datamodels, datamodelsStatus, datamodelsProgress, preview, previewRoundTripMs, focus } = useForget();
  const summary = useLab((s) => s.dataset.summary);
  const classNames = summary?.classNames ?? [];
  const labels = useLab((s) => s.dataset.labels);
  if (!datamodels) {
    return (
      <div className={styles.preview}>
        <p className={styles.note}>
          Datamodels predict how every image's output would change if the forget set were removed and the model retrained, in milliseconds instead of minutes. They come from an experiment run that includes DMM or DM-direct, or compute them here: a few models are trained, then TRAK on their last layer (a fast approximation).
        </p>
        <button type="button" className={styles.primary} onClick={() => void computeDatamodels()} disabled={datamodelsStatus === 'computing'} data-testid="compute-datamodels">
          {datamodelsStatus === 'computing' ? 'Computing datamodels…' : 'Compute datamodels'}
        </button>
        {datamodelsProgress && (
          <p className={styles.note} role="status">
            {datamodelsProgress.stage}: {Math.round((datamodelsProgress.done / Math.max(1, datamodelsProgress.total)) * 100)}%
            {datamodelsProgress.secondsLeft != null && ` · about ${Math.ceil(datamodelsProgress.secondsLeft)} s left`}
          </p>
        )}
        <ImportNpy />
      </div>
    );
  }
  const row = (name: string, a: { before: number; after: number } | undefined) => (
    <tr>
      <th scope="row">{name}</th>
      <td className="tabular">{a ? pct(a.before) : '–'}</td>
      <td className="tabular">{a ? pct(a.after) : '–'}</td>
    </tr>
  );
  return (
    <div className={styles.preview} data-testid="preview">
      <table className={styles.previewTable}>
        <thead>
          <tr>
            <th scope="col">accuracy</th>
            <th scope="col">now</th>
            <th scope="col">after forgetting (predicted)</th>
          </tr>
        </thead>
        <tbody>
          {row('forget set', preview?.accuracy.forget)}
          {row('validation', preview?.accuracy.validation)}
        </tbody>
      </table>
      {preview?.focus && labels && (
        <p className={styles.note}>
          Image #{preview.focus.index} ({classNames[labels[preview.focus.index]]}): margin {preview.focus.before.toFixed(2)} → {preview.focus.after.toFixed(2)} (
          {preview.focus.after - preview.focus.before >= 0 ? '+' : ''}
          {(preview.focus.after - preview.focus.before).toFixed(2)}) if the set is forgotten.
        </p>
      )}
      {!preview?.focus && focus == null && <p className={styles.note}>Click or hover an image to see its predicted margin change.</p>}
      <p className={styles.latency} data-testid="preview-latency">
        {datamodels.estimator} datamodels ({datamodels.source === 'computed' ? 'computed here' : datamodels.source === 'imported' ? 'imported' : 'from the last run'}
        {datamodels.restored ? ', saved from an earlier visit' : ''}) · update {preview ? `${preview.ms.toFixed(1)} ms in the worker` : '…'}
        {previewRoundTripMs != null && `, ${previewRoundTripMs.toFixed(0)} ms round trip`}
      </p>
      {datamodels.saveProblem && (
        <p className={styles.note} role="status" data-testid="datamodels-save-problem">
          These datamodels were {datamodels.saveProblem}
        </p>
      )}
      <ImportNpy />
    </div>
  );
}
