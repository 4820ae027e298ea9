/**
 * Words for failures: turns a WorkerError into the title and sentence the message bar
 * shows, so every action reports errors the same way.
 */
import type { WorkerError, WorkerErrorKind } from '../../workers/entry/lab-api';
import { pushMessage, type MessageTopic } from './store';

const TITLES: Record<WorkerErrorKind, string> = {
  dataset: 'That dataset could not be loaded',
  backend: 'No compute backend could start',
  'bad-request': 'Settings out of range',
  'no-dataset': 'No dataset loaded',
  cancelled: 'Cancelled',
  crashed: 'The compute worker stopped',
  'backend-lost': 'The GPU was lost',
  internal: 'Something went wrong',
};

/** Extra advice per kind, after the worker's own message. */
const ADVICE: Partial<Record<WorkerErrorKind, string>> = {
  dataset: 'The dataset you had is still loaded.',
  crashed: 'It restarts by itself on the next action; your settings are kept.',
  'backend-lost': 'Press Train to run again on a fresh worker.',
};

const TOPICS: Record<WorkerErrorKind, MessageTopic> = {
  dataset: 'dataset',
  backend: 'backend',
  'bad-request': 'run',
  'no-dataset': 'run',
  cancelled: 'run',
  crashed: 'worker',
  'backend-lost': 'worker',
  internal: 'worker',
};

/** A sentence ends with a full stop before the advice is appended. */
const sentence = (text: string) => (/[.!?)]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

export function reportError(error: WorkerError, topic: MessageTopic = TOPICS[error.kind]): void {
  const advice = ADVICE[error.kind];
  pushMessage({
    topic,
    tone: error.kind === 'cancelled' ? 'info' : 'error',
    title: TITLES[error.kind],
    text: advice ? `${sentence(error.message)} ${advice}` : error.message,
  });
}
