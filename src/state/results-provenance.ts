/**
 * What a result is for, and whether the page has moved on since: the experiment that ran
 * against the one the controls now describe and the dataset now loaded. Pure, so the
 * stale banner's rule is tested without a page.
 */
import type { Experiment } from '../../workers/engine/experiment/schema';
import type { DatasetSummary } from '../../workers/entry/lab-api';

const PARTS: [string, (x: Experiment) => unknown][] = [
  ['forget set', (x) => x.forget],
  ['model', (x) => x.model],
  ['training', (x) => x.training],
  ['N', (x) => x.ensemble],
  ['seed', (x) => x.seed],
  ['methods', (x) => x.methods],
  ['evaluation', (x) => x.evaluation],
  ['attribution', (x) => x.attribution],
];

/** The parts of the experiment (and the dataset) that differ between what ran and what is shown now. */
export function changedSince(ran: Experiment, ranOn: Pick<DatasetSummary, 'hash'>, now: Experiment, loaded: Pick<DatasetSummary, 'hash'> | null): string[] {
  const changed = PARTS.filter(([, part]) => JSON.stringify(part(ran)) !== JSON.stringify(part(now))).map(([name]) => name);
  if (loaded && loaded.hash !== ranOn.hash) changed.unshift('dataset');
  return changed;
}
