/**
 * What the page is busy with, from the two run records (the experiment's and the one-model
 * quick check's), as ONE answer every guard reads: the Run and Train buttons, the dataset
 * picker, the backend switch and the settings. (The forget-set editor stays open: a run
 * keeps its own copy of the set.)
 */
import { useRunStore } from './run-store';
import { useLab } from './store';

export type Busy = { kind: 'experiment' | 'training'; reason: string } | null;

const REASONS = {
  experiment: 'An experiment is running: its settings and data are locked until it ends or you cancel it (the forget set can change for the next run).',
  training: 'A quick-check training run is going: cancel it or wait for it to finish.',
} as const;

export function busyNow(): Busy {
  if (useRunStore.getState().status === 'running') return { kind: 'experiment', reason: REASONS.experiment };
  if (useLab.getState().run.status === 'running') return { kind: 'training', reason: REASONS.training };
  return null;
}

export function useBusy(): Busy {
  const experiment = useRunStore((s) => s.status === 'running');
  const training = useLab((s) => s.run.status === 'running');
  if (experiment) return { kind: 'experiment', reason: REASONS.experiment };
  if (training) return { kind: 'training', reason: REASONS.training };
  return null;
}
