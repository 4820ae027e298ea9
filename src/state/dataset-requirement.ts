/**
 * A link (or lesson) made on a dataset the page has not loaded: the page says so, offers
 * the load, and keeps Run disabled until that dataset is in, or until the user chooses to
 * run on the loaded data instead. The requirement is the link's dataset field; the rule
 * deciding whether the loaded data meets it is pure and tested.
 */
import { create } from 'zustand';
import type { Experiment } from '../../workers/engine/experiment/schema';
import type { DatasetSummary } from '../../workers/entry/lab-api';
import { plural } from '../../workers/engine/util/plural';
import type { DatasetSourceKey } from './store';
import { useLab } from './store';

type DatasetField = Experiment['dataset'];

interface RequirementState {
  /** What the opened link was made on; null when nothing is required (or the user waived it). */
  required: DatasetField | null;
}

export const useDatasetRequirement = create<RequirementState>(() => ({ required: null }));

export function requireDataset(d: DatasetField): void {
  useDatasetRequirement.setState({ required: d });
}

/** Called after each dataset load: once the link's dataset is in, nothing is required any more. */
export function settleDatasetRequirement(syntheticSeed: number): void {
  const { required } = useDatasetRequirement.getState();
  const d = useLab.getState().dataset;
  if (required && d.status === 'ready' && meetsRequirement(required, d.summary, d.source, syntheticSeed)) waiveDatasetRequirement();
}

/** "Run on the loaded data instead": the user's explicit choice. */
export function waiveDatasetRequirement(): void {
  useDatasetRequirement.setState({ required: null });
}

export function describeDatasetField(d: DatasetField): string {
  return d.id === 'synthetic' ? `synthetic shapes with ${plural(d.trainSize, 'training image')}` : d.id.startsWith('cifar10') ? `CIFAR-10 (${d.id})` : d.id;
}

/** Whether the loaded dataset is the one the link names: same id, and for synthetic data the same size and seed. */
export function meetsRequirement(required: DatasetField, loaded: Pick<DatasetSummary, 'id' | 'trainSize'> | null, source: DatasetSourceKey | null, syntheticSeed: number): boolean {
  if (!loaded || !source) return false;
  if (required.id === 'synthetic') return source === 'synthetic' && loaded.trainSize === required.trainSize && required.syntheticSeed === syntheticSeed;
  return source !== 'synthetic' && loaded.id === required.id;
}

/** Why Run waits for another dataset, or null. */
export function datasetRequirementProblem(required: DatasetField | null, loaded: Pick<DatasetSummary, 'id' | 'trainSize'> | null, source: DatasetSourceKey | null, syntheticSeed: number): string | null {
  if (!required || meetsRequirement(required, loaded, source, syntheticSeed)) return null;
  return `This link was made on ${describeDatasetField(required)}: load it to reproduce the experiment, or choose to run on the loaded data.`;
}

export function useDatasetProblem(syntheticSeed: number): string | null {
  const required = useDatasetRequirement((s) => s.required);
  const summary = useLab((s) => (s.dataset.status === 'ready' ? s.dataset.summary : null));
  const source = useLab((s) => s.dataset.source);
  return datasetRequirementProblem(required, summary, source, syntheticSeed);
}
