/**
 * Where the images come from: the embedded synthetic generator (with a pool size), a
 * CIFAR-10 folder prepared by `npm run data:cifar10`, or official CIFAR-10 files the
 * user picks or drops. A bad file leaves the current dataset in place (see actions.ts).
 */
import { useRef } from 'react';
import { choosePrepared, chooseSynthetic, loadFiles } from '../../state/actions';
import { SYNTHETIC_SIZES } from '../../state/settings';
import { useLab } from '../../state/store';
import { Field, controlClass } from '../Field/Field';
import styles from './DatasetPicker.module.css';

/** What the file picker offers; the loader also sniffs archives by content. */
export const CIFAR_FILE_ACCEPT = '.bin,.txt,.tar,.gz,.tgz,application/gzip,application/x-tar';

export function DatasetPicker({ disabled }: { disabled: boolean }) {
  const source = useLab((s) => s.dataset.source);
  const label = useLab((s) => s.dataset.label);
  const size = useLab((s) => s.syntheticSize);
  const prepared = useLab((s) => s.prepared);
  const fileInput = useRef<HTMLInputElement>(null);

  const onSource = (value: string) => {
    if (value === 'synthetic') void chooseSynthetic(size);
    const entry = prepared.find((p) => `prepared:${p.id}` === value);
    if (entry) void choosePrepared(entry);
  };

  return (
    <div className={styles.picker}>
      <div className={styles.row}>
        <Field label="Dataset">
          {(id) => (
            <select id={id} className={controlClass} value={source} onChange={(e) => onSource(e.target.value)} disabled={disabled}>
              <option value="synthetic">Synthetic shapes</option>
              {prepared.map((p) => (
                <option key={p.id} value={`prepared:${p.id}`}>
                  {p.name}
                </option>
              ))}
              {source === 'files' && <option value="files">{label}</option>}
            </select>
          )}
        </Field>
        {source === 'synthetic' && (
          <Field label="Training images">
            {(id) => (
              <select
                id={id}
                className={controlClass}
                value={size}
                onChange={(e) => void chooseSynthetic(Number(e.target.value))}
                disabled={disabled}
              >
                {SYNTHETIC_SIZES.map((n) => (
                  <option key={n} value={n}>
                    {n.toLocaleString('en')}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
      </div>
      <div className={styles.row}>
        <button type="button" className={styles.load} onClick={() => fileInput.current?.click()} disabled={disabled}>
          Load CIFAR-10 files…
        </button>
        <span className={styles.hint} title="data_batch_1.bin … data_batch_5.bin, test_batch.bin, batches.meta.txt, or cifar-10-binary.tar.gz">
          or drop the official files on this panel
        </span>
      </div>
      <input
        ref={fileInput}
        className="visually-hidden"
        type="file"
        multiple
        accept={CIFAR_FILE_ACCEPT}
        tabIndex={-1}
        aria-label="CIFAR-10 files: data_batch_1.bin … test_batch.bin, or cifar-10-binary.tar.gz"
        data-testid="cifar-file-input"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = ''; // picking the same file again must fire change again
          void loadFiles(files);
        }}
      />
    </div>
  );
}
