/**
 * The lab's toolbar: open a preset, start the guided lesson, copy a link to exactly this
 * experiment, and (for instructors) hide the controls a class does not need. Hidden
 * controls and the lesson step are part of the link.
 */
import { useEffect, useState } from 'react';
import { HIDEABLE_CONTROLS, useExperimentStore, type HideableControl } from '../../state/experiment-store';
import { shareUrl } from '../../state/share-link-sync';
import { applyPreset, closeLesson, goToStep, loadLibrary, useLessonLibrary } from '../Lesson/lesson-actions';
import { useBusy } from '../../state/busy';
import { RunBar } from '../Experiment/RunBar';
import styles from './ShareBar.module.css';
import './hidden-controls.css';

const CONTROL_LABELS: Record<HideableControl, string> = {
  dataset: 'Dataset choice',
  model: 'Model',
  methods: 'Methods',
  hyperparameters: 'Hyperparameters',
  backend: 'Backend',
  advanced: 'Advanced settings',
};

export function ShareBar() {
  const presets = useLessonLibrary((s) => s.presets);
  const lessons = useLessonLibrary((s) => s.lessons);
  const lesson = useExperimentStore((s) => s.lesson);
  const hidden = useExperimentStore((s) => s.hidden);
  const name = useExperimentStore((s) => s.experiment.name);
  const [copied, setCopied] = useState<string | null>(null);
  const busy = useBusy();

  useEffect(() => {
    void loadLibrary();
  }, []);

  // The page root carries the hidden controls; hidden-controls.css does the hiding.
  useEffect(() => {
    document.documentElement.dataset.hide = hidden.join(' ');
  }, [hidden]);

  const copy = async () => {
    const url = shareUrl();
    try {
      await navigator.clipboard.writeText(url);
      setCopied(`Link copied (${url.length.toLocaleString('en')} characters)`);
    } catch {
      setCopied('Copy this link from the address bar (the clipboard is not available here)');
    }
    window.history.replaceState(window.history.state, '', url);
    setTimeout(() => setCopied(null), 4000);
  };

  const toggle = (c: HideableControl) => {
    const next = hidden.includes(c) ? hidden.filter((h) => h !== c) : [...hidden, c];
    useExperimentStore.getState().setHidden(HIDEABLE_CONTROLS.filter((h) => next.includes(h)));
  };

  return (
    <div className={styles.bar} role="toolbar" aria-label="Experiment, lesson and sharing">
      <span className={styles.name} title="The experiment's name">
        {name}
      </span>
      <RunBar />
      <label className={styles.field} data-control="advanced-presets">
        Preset{' '}
        <select
          value=""
          disabled={busy?.kind === 'experiment'}
          title={busy?.kind === 'experiment' ? busy.reason : undefined}
          onChange={(e) => {
            if (!e.target.value) return;
            // A preset picked by hand leaves the lesson: its card would describe another step.
            if (lesson) closeLesson();
            void applyPreset(e.target.value);
          }}
          aria-label="Open a preset"
        >
          <option value="">Open a preset…</option>
          {presets.map((p) => (
            <option key={p.id} value={p.file}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className={styles.button} aria-pressed={lesson != null} disabled={!lessons.classic} onClick={() => void (lesson ? undefined : goToStep('classic', 0))} data-testid="lesson-mode">
        {lesson ? 'Lesson mode on' : 'Lesson mode'}
      </button>
      <details className={styles.instructor}>
        <summary>Instructor</summary>
        <div className={styles.menu}>
          <p>Hide controls the class does not need (the link remembers):</p>
          {HIDEABLE_CONTROLS.map((c) => (
            <label key={c}>
              <input type="checkbox" checked={hidden.includes(c)} onChange={() => toggle(c)} /> {CONTROL_LABELS[c]}
            </label>
          ))}
        </div>
      </details>
      <button type="button" className={`${styles.button} ${styles.primary}`} onClick={() => void copy()} data-testid="copy-link">
        Copy link
      </button>
      <span className={styles.copied} role="status">
        {copied}
      </span>
    </div>
  );
}
