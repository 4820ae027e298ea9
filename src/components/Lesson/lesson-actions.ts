/**
 * Lessons and presets: loads (and validates) public/lessons/*.json and public/presets/*.json,
 * applies a preset to the experiment, and moves through a lesson's steps (each step opens
 * its preset; the step is part of the share link).
 */
import { create } from 'zustand';
import { describeExperimentIssues, experimentSchema } from '../../../workers/engine/experiment/schema';
import { useExperimentStore } from '../../state/experiment-store';
import { pushMessage } from '../../state/store';
import { lessonSchema, presetIndexSchema, type Lesson, type PresetIndex } from './lesson-schema';

export const LESSON_IDS = ['classic'] as const;

interface LessonLibrary {
  lessons: Record<string, Lesson>;
  presets: PresetIndex['presets'];
}

export const useLessonLibrary = create<LessonLibrary>()(() => ({ lessons: {}, presets: [] }));

const base = import.meta.env.BASE_URL;

async function fetchJson(path: string): Promise<unknown> {
  const res = await fetch(`${base}${path}`);
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return res.json();
}

export async function loadLibrary(): Promise<void> {
  try {
    const presets = presetIndexSchema.parse(await fetchJson('presets/index.json')).presets;
    useLessonLibrary.setState({ presets });
  } catch (e) {
    pushMessage({ topic: 'setup', tone: 'warning', title: 'Presets unavailable', text: (e as Error).message });
  }
  for (const id of LESSON_IDS) {
    try {
      const lesson = lessonSchema.parse(await fetchJson(`lessons/${id}.json`));
      useLessonLibrary.setState((s) => ({ lessons: { ...s.lessons, [id]: lesson } }));
    } catch (e) {
      pushMessage({ topic: 'setup', tone: 'warning', title: 'Lesson unavailable', text: `lessons/${id}.json: ${(e as Error).message.slice(0, 200)}` });
    }
  }
  // A link may name a step past the lesson's end (or a lesson that does not exist).
  const open = useExperimentStore.getState().lesson;
  if (open) {
    const lesson = useLessonLibrary.getState().lessons[open.id];
    if (!lesson) {
      useExperimentStore.getState().setLesson(null);
      pushMessage({ topic: 'setup', tone: 'warning', title: 'Lesson not found', text: `The link opens the lesson "${open.id}", which this page does not have.` });
    } else if (open.step >= lesson.steps.length) {
      useExperimentStore.getState().setLesson({ id: open.id, step: lesson.steps.length - 1 });
    }
  }
}

export async function applyPreset(file: string): Promise<boolean> {
  try {
    const parsed = experimentSchema.safeParse(await fetchJson(`presets/${file}`));
    if (!parsed.success) throw new Error(describeExperimentIssues(parsed.error));
    useExperimentStore.getState().setExperiment(parsed.data);
    return true;
  } catch (e) {
    pushMessage({ topic: 'setup', tone: 'error', title: 'Preset could not be opened', text: `${file}: ${(e as Error).message}` });
    return false;
  }
}

export async function goToStep(id: string, step: number): Promise<void> {
  const lesson = useLessonLibrary.getState().lessons[id];
  if (!lesson) return;
  const s = Math.max(0, Math.min(lesson.steps.length - 1, step));
  useExperimentStore.getState().setLesson({ id, step: s });
  await applyPreset(lesson.steps[s].preset);
}

export function closeLesson(): void {
  useExperimentStore.getState().setLesson(null);
}
