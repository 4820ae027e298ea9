/**
 * The experiment run as the page sees it: status, the latest progress, each method's
 * result as it arrives, and the final results file. The experiment DESCRIPTION lives in
 * experiment-store.ts; this store only records what running it produced, plus which
 * method and forget point the charts have selected.
 *
 * Cancelling terminates the worker (the client's cancel): the methods that already
 * arrived stay, and `partialResults` turns them into a results object for the charts,
 * the table and the export.
 */
import { useMemo } from 'react';
import { create } from 'zustand';
import type { ExperimentProgress, ExperimentResults, MethodResult, ResultsEvent } from '../../workers/entry/lab-api';
import type { Experiment } from '../../workers/engine/experiment/schema';
import { labClient } from './client-instance';
import { useExperimentStore } from './experiment-store';
import { reportError } from './messages';
import { busyNow } from './busy';
import { journalEnd, journalMethod, journalStart } from './run-journal';
import { datasetRequirementProblem, useDatasetRequirement } from './dataset-requirement';
import { SYNTHETIC_SEED } from './settings';
import { clearMessages, pushMessage, useLab } from './store';

export type ExperimentRunStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

export interface ExperimentRunState {
  status: ExperimentRunStatus;
  progress: ExperimentProgress | null;
  /** The description that ran (or runs), with the dataset field set to the loaded dataset. */
  experiment: Experiment | null;
  /** The results file without methods (references, points), once the references are evaluated. */
  head: ExperimentResults | null;
  /** Methods in arrival order (kept on cancel). */
  methods: MethodResult[];
  /** The engine's results file, once the run completed. */
  results: ExperimentResults | null;
  error: string | null;
  startedAt: number | null;
  /** Index into `methods` the forget-point chart shows. */
  selectedMethod: number;
  /** Index into the forget points the margin chart shows. */
  selectedPoint: number;
}

const initial: Omit<ExperimentRunState, 'selectedMethod' | 'selectedPoint'> = {
  status: 'idle',
  progress: null,
  experiment: null,
  head: null,
  methods: [],
  results: null,
  error: null,
  startedAt: null,
};

export const useRunStore = create<ExperimentRunState>()(() => ({ ...initial, selectedMethod: 0, selectedPoint: 0 }));

/** The dataset field that describes what the worker holds now (the page's loaded dataset). */
export function describeLoadedDataset(): Experiment['dataset'] | null {
  const d = useLab.getState().dataset;
  if (d.status !== 'ready' || !d.summary) return null;
  const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
  const trainSize = clamp(d.summary.trainSize, 200, 20000);
  const validationSize = clamp(d.summary.validationSize, 100, 5000);
  if (d.source === 'synthetic') return { id: 'synthetic', syntheticSeed: SYNTHETIC_SEED, trainSize, validationSize };
  // Real data: the id names it (dropped files get their summary id); sizes are informative only.
  return { id: (d.summary.id || 'files').slice(0, 64), syntheticSeed: SYNTHETIC_SEED, trainSize, validationSize };
}

let runToken = 0;

export function canRunExperiment(): boolean {
  const d = useLab.getState().dataset;
  const waitsForData = datasetRequirementProblem(useDatasetRequirement.getState().required, d.summary, d.source, SYNTHETIC_SEED) != null;
  return busyNow() == null && d.status === 'ready' && !waitsForData;
}

export async function startExperiment(): Promise<void> {
  if (!canRunExperiment()) return;
  const dataset = describeLoadedDataset();
  if (!dataset) return;
  const xs = useExperimentStore.getState();
  const problem = xs.update({ dataset });
  if (problem) {
    pushMessage({ topic: 'run', tone: 'error', title: 'The experiment cannot run', text: problem });
    return;
  }
  const experiment = useExperimentStore.getState().experiment;
  const token = ++runToken;
  clearMessages('run');
  clearMessages('worker');
  useRunStore.setState({ ...initial, status: 'running', experiment, startedAt: Date.now(), selectedMethod: 0, selectedPoint: 0 });
  journalStart(experiment);
  // Each callback has its own message channel, so one can arrive after the run's result: ignore those.
  const live = () => token === runToken && useRunStore.getState().status === 'running';
  const onProgress = (progress: ExperimentProgress) => {
    if (live()) useRunStore.setState({ progress });
  };
  const onResults = (e: ResultsEvent) => {
    if (!live()) return;
    if (e.kind === 'reference') useRunStore.setState({ head: e.head });
    else {
      useRunStore.setState((s) => ({ methods: [...s.methods, e.result] }));
      journalMethod(e.result.label);
    }
  };
  const out = await labClient().runExperiment(experiment, onProgress, onResults);
  if (token !== runToken) return;
  journalEnd();
  if (out.ok) {
    useRunStore.setState({ status: out.value.status === 'complete' ? 'done' : 'cancelled', results: out.value, methods: out.value.methods, progress: null });
    for (const text of out.value.warnings) pushMessage({ topic: 'run', tone: 'warning', title: 'Experiment warning', text });
  } else if (out.error.kind === 'cancelled') {
    useRunStore.setState({ status: 'cancelled' });
  } else {
    useRunStore.setState({ status: 'error', error: out.error.message });
    reportError(out.error);
  }
}

/** Stops the run (terminates the worker), keeps the methods that arrived, and warms a fresh worker. */
export function cancelExperiment(): void {
  if (useRunStore.getState().status !== 'running') return;
  runToken++;
  labClient().cancel();
  journalEnd();
  useRunStore.setState({ status: 'cancelled' });
  useLab.setState((s) => ({ backend: { status: 'starting', report: s.backend.report } }));
  void labClient()
    .warmUp()
    .then((out) => {
      if (!out.ok && out.error.kind !== 'cancelled') reportError(out.error);
    });
}

export function selectMethod(index: number): void {
  useRunStore.setState({ selectedMethod: index });
}

export function selectPoint(index: number): void {
  useRunStore.setState({ selectedPoint: index });
}

/**
 * What the charts read: the final results or, while running and after a cancel, the
 * engine's results head (references, points) with the methods that arrived. Before the
 * references exist there is nothing to chart.
 */
export function viewResults(s: Pick<ExperimentRunState, 'results' | 'head' | 'methods'>): ExperimentResults | null {
  if (s.results) return s.results;
  if (!s.head) return null;
  return { ...s.head, methods: s.methods, warnings: [...s.head.warnings, 'Partial results: the run did not complete; these are the methods that finished.'] };
}

/** {@link viewResults} for a component, rebuilt only when a part changes. */
export function useResultsView(): ExperimentResults | null {
  const results = useRunStore((s) => s.results);
  const head = useRunStore((s) => s.head);
  const methods = useRunStore((s) => s.methods);
  return useMemo(() => viewResults({ results, head, methods }), [results, head, methods]);
}
