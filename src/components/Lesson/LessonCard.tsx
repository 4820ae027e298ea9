/** The open lesson step: its title and "what to look at" paragraphs, with Back and Next. */
import { useExperimentStore } from '../../state/experiment-store';
import { closeLesson, goToStep, useLessonLibrary } from './lesson-actions';
import styles from './Lesson.module.css';

export function LessonCard() {
  const open = useExperimentStore((s) => s.lesson);
  const lesson = useLessonLibrary((s) => (open ? s.lessons[open.id] : undefined));
  if (!open || !lesson) return null;
  const step = lesson.steps[Math.min(open.step, lesson.steps.length - 1)];
  return (
    <section className={styles.card} aria-label="Lesson" data-testid="lesson-card">
      <div className={styles.head}>
        <strong>{lesson.title}</strong>
        <span className={styles.count}>
          step {open.step + 1} of {lesson.steps.length}
        </span>
        <div className={styles.nav}>
          <button type="button" onClick={() => void goToStep(open.id, open.step - 1)} disabled={open.step === 0}>
            ← Back
          </button>
          <button type="button" onClick={() => void goToStep(open.id, open.step + 1)} disabled={open.step >= lesson.steps.length - 1} className={styles.next}>
            Next →
          </button>
          <button type="button" onClick={closeLesson} aria-label="Close the lesson" title="Close the lesson">
            ✕
          </button>
        </div>
      </div>
      <h2 className={styles.title}>{step.title}</h2>
      <div className={styles.text}>
        {step.paragraphs.map((p) => (
          <p key={p.slice(0, 40)}>{p}</p>
        ))}
      </div>
    </section>
  );
}
