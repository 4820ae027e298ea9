import type { Datamodels } from '../attribution/types';
import { noCache, type BlobStore } from '../cache/blob-store';
import { localCompute } from '../compute/local';
import type { Compute } from '../compute/types';
import { summarizeDataset } from '../data/dataset';
import type { Dataset } from '../data/types';
import { METHOD_METAS } from '../methods/registry';
import { CancelledError, ComputeCrashedError, throwIfAborted } from '../train/errors';
import { nativeKernelBuild } from '../native/kernels';
import { buildAttributions, estimatorsNeeded, type AttributionProvider, type Estimator } from './attribution-stage';
import { runMethodStage } from './method-stage';
import { disposeReferences, trainReferences, type References } from './references';
import { RESULTS_FORMAT, RESULTS_VERSION, type ExperimentResults, type MethodResult } from './results';
import { parseExperimentInput, pointLists, prepareExperiment } from './setup';
import { StageClock, type ExperimentProgress } from './stage-clock';
import { mapGroups } from '../metrics';

export type { AttributionHandle, AttributionProvider, Estimator } from './attribution-stage';
export type { ExperimentProgress } from './stage-clock';

export interface RunExperimentOptions {
  dataset: Dataset;
  store?: BlobStore;
  attribution?: AttributionProvider;
  /** Where the models train: a worker pool (CLI, page) or this thread (default). */
  compute?: Compute;
  onProgress?: (p: ExperimentProgress) => void;
  /** Each method's result as soon as it is evaluated (the page charts them live). */
  onMethodResult?: (r: MethodResult) => void;
  /**
   * The results file without methods, as soon as the originals, oracles (and the noise
   * floor) are evaluated: the page charts them at once, adds each method as it lands, and
   * keeps a cancelled run's partial results as a real results file.
   */
  onReference?: (head: ExperimentResults) => void;
  /**
   * Datamodels as soon as they exist (the page's instant preview), with the content hash of
   * the data they were fit on: a mislabeled or backdoor run trains on poisoned data, whose
   * datamodels must never be served for the clean dataset.
   */
  onDatamodels?: (estimator: Estimator, datamodels: Datamodels, fitOnHash: string) => void;
  signal?: AbortSignal;
}

/**
 * The engine and backend a run's numbers depend on: "native-wasm-fma" (the native kernels'
 * fused multiply-add build), "native-wasm" (their plain-SIMD build) or "tfjs-<backend>".
 */
export function implementationOf(compute: Compute): string {
  if (compute.engine !== 'native') return `tfjs-${compute.backend}`;
  return nativeKernelBuild() === 'fused' ? 'native-wasm-fma' : 'native-wasm';
}

/**
 * Runs a whole experiment, stage by stage: forget set and inputs (setup.ts) → originals,
 * oracles and the second oracles of the noise floor (references.ts) → datamodels where a
 * method needs them (attribution-stage.ts) → every method on a copy of the originals, and
 * its evaluation (method-stage.ts). A pure function of (experiment, dataset, engine and
 * backend). A method that fails or diverges is flagged and the others go on; cancelling
 * returns what finished with status 'cancelled', a crashed compute worker with 'crashed'.
 */
export async function runExperiment(input: unknown, o: RunExperimentOptions): Promise<ExperimentResults> {
  const x = parseExperimentInput(input);
  const compute = o.compute ?? localCompute();
  const store = o.store ?? noCache;
  const implementation = implementationOf(compute);
  const warnings: string[] = [];
  const warn = (m: string) => void (warnings.includes(m) || warnings.push(m));
  const stages: [string, number][] = [
    ['Features', 0.1],
    ['Originals', 1],
    ['Oracles', 1],
    ...(x.evaluation.noiseFloor ? ([['Second oracles', 1]] as [string, number][]) : []),
    ...estimatorsNeeded(x).map((e): [string, number] => [`Datamodels (${e})`, e.startsWith('regression') ? 3 : 0.3]),
    ...x.methods.map((m): [string, number] => [METHOD_METAS[m.id].label, m.id === 'retrain' && !x.evaluation.noiseFloor ? 1 : m.id === 'none' ? 0.01 : 0.15]),
  ];
  const clock = new StageClock(stages.map(([name]) => name), o.onProgress, stages.map(([, w]) => w));
  const s = await clock.timed('features', () => prepareExperiment(x, o.dataset, compute, (f) => clock.progressFor('Features')({ stage: 'Features', done: f, total: 1, secondsLeft: null })));
  const results: ExperimentResults = {
    format: RESULTS_FORMAT,
    formatVersion: RESULTS_VERSION,
    status: 'complete',
    experiment: x,
    dataset: summarizeDataset(o.dataset),
    backend: compute.backend,
    engine: implementation,
    threads: compute.threads,
    createdAt: new Date().toISOString(),
    points: pointLists(s),
    labels: mapGroups((g) => Array.from(s.groupLabels[g])),
    forgetSetSize: s.resolution.forget.length,
    trueForgetLabels: Array.from(s.resolution.trueForgetLabels),
    reference: { originals: null!, oracles: null!, secondOracles: null, noiseFloor: null },
    retrainSeconds: NaN,
    attribution: [],
    methods: [],
    timings: clock.timings,
    warnings,
  };
  const stage = { compute, store, implementation, clock, signal: o.signal, warn };
  let refs: References | null = null;
  try {
    refs = await trainReferences(s, stage);
    results.reference = refs.json;
    results.retrainSeconds = refs.oracles.trainSeconds;
    o.onReference?.({ ...results, methods: [], status: 'cancelled' });

    const { handles, summaries } = await buildAttributions(s, refs.originals.ensemble, o.attribution, { ...stage, inputs: s.inputs, curvature: refs.curvature, onDatamodels: o.onDatamodels });
    results.attribution = summaries;

    for (const choice of x.methods) {
      throwIfAborted(o.signal); // a cancel between methods starts no new one
      const r = await runMethodStage(choice, s, refs, handles, stage);
      results.methods.push(r);
      o.onMethodResult?.(r);
    }
  } catch (e) {
    if (e instanceof CancelledError) results.status = 'cancelled';
    else if (e instanceof ComputeCrashedError) {
      results.status = 'crashed';
      warn(`${e.message} Finished methods are kept; run again to finish the rest.`);
    } else throw e;
  } finally {
    if (refs) disposeReferences(refs);
  }
  return results;
}

export { ExperimentError } from './schema';
