/**
 * The worker side of "run an experiment": runs the engine's runExperiment on the dataset
 * the worker holds, with the IndexedDB cache and the datamodel provider, streaming
 * throttled progress, the references, and each method's result as it lands. Cancel is the client
 * terminating the worker, so nothing here needs an AbortSignal.
 */
import type { Compute } from '../engine/compute/types';
import type { Dataset } from '../engine/data/types';
import { attributionProvider } from '../engine/experiment/attribution-provider';
import type { ExperimentResults, MethodResult } from '../engine/experiment/results';
import { runExperiment, type ExperimentProgress } from '../engine/experiment/run-experiment';
import { cacheStore } from './cache-store';
import { rememberDatamodels } from './forget-api';

export type { ExperimentProgress, ExperimentResults, MethodResult };

export type ExperimentProgressCallback = (p: ExperimentProgress) => void;
/**
 * What a run streams, in order on one channel: the results head (references, points, no
 * methods) once, then each method as it lands.
 */
export type ResultsEvent = { kind: 'reference'; head: ExperimentResults } | { kind: 'method'; result: MethodResult };
export type ResultsCallback = (e: ResultsEvent) => void;

/** Redraw budget: at most one progress message per interval, plus every stage change and stage end. */
export const PROGRESS_INTERVAL_MS = 150;

export function throttleExperimentProgress(fn: ExperimentProgressCallback, intervalMs = PROGRESS_INTERVAL_MS): ExperimentProgressCallback {
  let last = 0;
  let lastStage = -1;
  return (p) => {
    const now = performance.now();
    if (p.stageIndex !== lastStage || p.done >= p.total || now - last >= intervalMs) {
      last = now;
      lastStage = p.stageIndex;
      fn(p);
    }
  };
}


export function runExperimentOn(
  dataset: Dataset,
  experiment: unknown,
  compute: Compute,
  onProgress: ExperimentProgressCallback,
  onResults: ResultsCallback,
): Promise<ExperimentResults> {
  return runExperiment(experiment, {
    dataset,
    compute,
    store: cacheStore(),
    attribution: attributionProvider,
    onProgress: throttleExperimentProgress(onProgress),
    onReference: (head) => onResults({ kind: 'reference', head }),
    onMethodResult: (result) => onResults({ kind: 'method', result }),
    // A run's datamodels also drive the forget picker's instant preview afterwards.
    // keyed by the data they were fit on: a poisoned run's datamodels never serve the clean dataset
    onDatamodels: (_estimator, dm, fitOnHash) => rememberDatamodels(dm, undefined, fitOnHash),
  });
}
