import type { Datamodels } from '../attribution/types';
import { subtractRemoval } from '../attribution/predicted-oracle';
import type { BlobStore } from '../cache/blob-store';
import type { Compute, ComputeInputs, Ensemble } from '../compute/types';
import type { Dataset } from '../data/types';
import { METHOD_METAS } from '../methods/registry';
import { CancelledError } from '../train/errors';
import type { Progress } from '../train/progress';
import type { Predictor } from './evaluate-outputs';
import type { AttributionSummary } from './results';
import { ATTRIBUTION_ESTIMATORS, type Experiment } from './schema';
import type { ExperimentSetup } from './setup';
import type { OriginalsCurvature } from './originals-curvature';
import type { StageContext } from './references';

export type Estimator = (typeof ATTRIBUTION_ESTIMATORS)[number];

/** What DMM and DM-direct read from an estimator. */
export interface AttributionHandle {
  summary: AttributionSummary;
  /** Forget-set-independent datamodels (the page keeps them for the instant preview). */
  datamodels?: Datamodels;
  /**
   * Predicted oracle logits of every original model for one forget set, and the seconds
   * of any work that depended on that forget set (it counts in the method's cost).
   */
  predictedOracle(forget: Int32Array, originals: Ensemble): Promise<PredictedOracle>;
}

export interface PredictedOracle {
  predict: Predictor;
  seconds: number;
  /** The predicted oracles as models, when the estimator makes them. */
  ensemble?: Ensemble;
  /** Frees what the prediction holds (e.g. the predicted models); called when the method is done. */
  release?: () => void;
}

/** Builds (or loads from cache) the datamodels of one estimator. */
export type AttributionProvider = (a: {
  experiment: Experiment;
  estimator: Estimator;
  warn: (message: string) => void;
  /** The data the models were trained on. */
  dataset: Dataset;
  compute: Compute;
  inputs: ComputeInputs;
  inputDim: number;
  labels: Uint8Array;
  classes: number;
  originals: Ensemble;
  /** The originals' curvature, shared with the methods that also step from it (group Newton). */
  curvature: () => Promise<OriginalsCurvature>;
  store: BlobStore;
  implementation: string;
  onProgress: (p: Progress) => void;
  signal?: AbortSignal;
}) => Promise<AttributionHandle>;

/** The estimator a datamodel method's parameters name. */
export function estimatorOf(params: Record<string, unknown>): Estimator {
  const e = params.estimator;
  return (ATTRIBUTION_ESTIMATORS as readonly unknown[]).includes(e) ? (e as Estimator) : 'regression';
}

/** The estimators the experiment's datamodel methods ask for, in order of first use. */
export function estimatorsNeeded(e: Experiment): Estimator[] {
  const out: Estimator[] = [];
  for (const m of e.methods) {
    if (!METHOD_METAS[m.id].needs.includes('datamodels')) continue;
    const est = estimatorOf(m.params);
    if (!out.includes(est)) out.push(est);
  }
  return out;
}

/** A handle over forget-set-independent datamodels: ẑ_m(x) = z_orig,m(x) − Σ_{i∈F} β_i(x). */
export function datamodelHandle(dm: Datamodels, summary: AttributionSummary): AttributionHandle {
  return {
    summary,
    datamodels: dm,
    async predictedOracle(forget, originals) {
      return { predict: async (set, rows) => subtractRemoval(dm, forget, set, rows, await originals.predict(set, rows), originals.size), seconds: 0 };
    },
  };
}

/**
 * Stage 3: datamodels, once per estimator a method asks for (they do not depend on F). A
 * failed estimator flags only the methods that read it; cancelling stops the run.
 */
export async function buildAttributions(
  s: ExperimentSetup,
  originals: Ensemble,
  provider: AttributionProvider | undefined,
  c: StageContext & { inputs: ComputeInputs; curvature: () => Promise<OriginalsCurvature>; onDatamodels?: (estimator: Estimator, dm: Datamodels, fitOnHash: string) => void },
): Promise<{ handles: Map<Estimator, AttributionHandle>; summaries: AttributionSummary[] }> {
  const handles = new Map<Estimator, AttributionHandle>();
  const summaries: AttributionSummary[] = [];
  for (const est of estimatorsNeeded(s.x)) {
    if (!provider) {
      c.warn('Datamodel methods need an attribution provider; they are reported as failed');
      c.clock.skip();
      continue;
    }
    try {
      const handle = await c.clock.timed(`datamodels:${est}`, () =>
        provider({
          experiment: s.x,
          estimator: est,
          warn: c.warn,
          dataset: s.trainSet,
          compute: c.compute,
          inputs: c.inputs,
          inputDim: s.inputDim,
          labels: s.labels,
          classes: s.classes,
          originals,
          curvature: c.curvature,
          store: c.store,
          implementation: c.implementation,
          onProgress: c.clock.progressFor(`Datamodels (${est})`),
          signal: c.signal,
        }),
      );
      handles.set(est, handle);
      summaries.push(handle.summary);
      if (handle.datamodels) c.onDatamodels?.(est, handle.datamodels, s.trainSet.hash);
    } catch (e) {
      if (e instanceof CancelledError) throw e;
      // the methods that read these datamodels fail with "missing datamodels"; the rest go on
      c.warn(`Datamodels (${est}) could not be built: ${(e as Error)?.message ?? String(e)}`);
    }
  }
  return { handles, summaries };
}
