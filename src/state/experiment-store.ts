/**
 * The experiment being built on the page: ONE object of the engine's experiment schema
 * (workers/engine/experiment/schema.ts), the same object the CLI's config file and the
 * results file carry and the share link encodes. The forget-set picker, the run panel and
 * the lesson mode all edit it here; nothing else holds a copy.
 *
 * Plus the page-only state that a share link also carries (which controls an instructor
 * hid, which lesson step is open).
 */
import { create } from 'zustand';
import { parseExperiment, type Experiment, type ForgetRule, type MethodChoice } from '../../workers/engine/experiment/schema';
import randomForget from '../../public/presets/random-forget.json';

/** Controls an instructor can hide for a class (the link remembers them). */
export const HIDEABLE_CONTROLS = ['dataset', 'model', 'methods', 'hyperparameters', 'backend', 'advanced'] as const;
export type HideableControl = (typeof HIDEABLE_CONTROLS)[number];

export interface ExperimentState {
  experiment: Experiment;
  hidden: HideableControl[];
  /** Open lesson and its step, or null outside lesson mode. */
  lesson: { id: string; step: number } | null;
  setExperiment: (x: Experiment) => void;
  /** Merge a change (validated: an invalid change is refused and returns its message). */
  update: (change: Partial<Experiment>) => string | null;
  setForget: (rule: ForgetRule) => void;
  setMethods: (methods: MethodChoice[]) => void;
  setHidden: (hidden: HideableControl[]) => void;
  setLesson: (lesson: { id: string; step: number } | null) => void;
}

/** The default experiment: the "forget 100 random images" preset, on the embedded dataset. */
export const DEFAULT_EXPERIMENT: Experiment = parseExperiment(randomForget);

export const useExperimentStore = create<ExperimentState>((set, get) => ({
  experiment: DEFAULT_EXPERIMENT,
  hidden: [],
  lesson: null,
  setExperiment: (experiment) => set({ experiment }),
  update: (change) => {
    try {
      set({ experiment: parseExperiment({ ...get().experiment, ...change }) });
      return null;
    } catch (e) {
      return (e as Error).message;
    }
  },
  setForget: (forget) => set({ experiment: { ...get().experiment, forget } }),
  setMethods: (methods) => set({ experiment: { ...get().experiment, methods } }),
  setHidden: (hidden) => set({ hidden }),
  setLesson: (lesson) => set({ lesson }),
}));
