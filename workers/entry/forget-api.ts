/**
 * The worker side of the forget-set picker:
 *
 * - resolveForget: a forget rule → the exact pool indices the experiment will use (the
 *   engine's resolveForgetSet, same seed, same fixed features), so the page always shows
 *   the set a run would forget.
 * - poolMap: a 2-D map of the train pool (PCA of the fixed features) for lasso selection.
 * - previewForget: the DMM/DM-direct instant preview (predicted accuracies and one image's
 *   margin change) from the latest datamodels.
 * - computeDatamodels: makes datamodels on demand (TRAK, last layer, on a quickly trained
 *   ensemble of originals) when no experiment has produced any yet.
 *
 * DATAMODELS HOLDER: an experiment run that produces datamodels should hand them over with
 * `rememberDatamodels(dm)` (experiment-api.ts: from runExperiment's `onDatamodels`), so the
 * preview uses the run's own attribution. The page asks `datamodelsInfo()` to know.
 */
import * as Comlink from 'comlink';
import type { Datamodels } from '../engine/attribution/types';
import { previewRemoval } from '../engine/attribution/preview';
import { trakDatamodels } from '../engine/attribution/trak';
import type { Dataset } from '../engine/data/types';
import { resolveForgetSet } from '../engine/experiment/forget-rules';
import { ensembleSeeds } from '../engine/experiment/reference';
import { ExperimentError, forgetRuleSchema, type ForgetRule } from '../engine/experiment/schema';
import type { Compute } from '../engine/compute/types';
import { meanOverModels } from '../engine/experiment/outputs';
import { FEATURE_DIM } from '../engine/models/features';
import { featuresFor, inputDimOf, modelInputs } from '../engine/models/inputs';
import type { ModelSpec } from '../engine/models/spec';
import type { Progress } from '../engine/train/progress';
import { trainEnsemble } from '../engine/train/train-ensemble';
import type { TrainingOptions } from '../engine/train/training-schema';
import { deriveSeed } from '../engine/util/rng';
import { classifyNpyFiles, importDatamodels, importDatasetOf } from '../engine/npy/import-datamodels';
import { settle } from './errors';
import type { LabWorkerApi } from './lab-api';

export interface ResolvedForget {
  /** Sorted pool indices. */
  indices: Int32Array;
  /** Forget-set size per class (training labels before any poisoning). */
  classCounts: number[];
  /** The rule also changes training data (mislabeled/backdoor). */
  poisoned: boolean;
}

export interface PoolMap {
  /** x, y per pool image, scaled to [0, 1]. */
  xy: Float32Array;
  /** Share of the features' variance the two axes show. */
  explained: [number, number];
}

export interface ForgetPreview {
  forgetSize: number;
  accuracy: { forget: { before: number; after: number }; retain: { before: number; after: number }; validation: { before: number; after: number } };
  /** Predicted margin change of the focused pool image, when one was asked for. */
  focus: { index: number; before: number; after: number } | null;
  /** Worker-side time of the whole update. */
  ms: number;
}

export interface DatamodelsInfo {
  estimator: string;
  source: 'experiment' | 'computed' | 'imported';
  seconds: number;
  trainSize: number;
}

export interface DatamodelsRequest {
  spec: ModelSpec;
  training: TrainingOptions;
  seed: number;
  models: number;
}

// ---------------------------------------------------------------- datamodels holder

interface Held {
  dm: Datamodels;
  source: DatamodelsInfo['source'];
  datasetHash: string | null;
  /** Mean original logits; from the datamodels' own prediction on the full pool when not given. */
  logits: { train: Float32Array; validation: Float32Array } | null;
}

let held: Held | null = null;

/** Keeps the latest datamodels for the instant preview (call from the experiment runner's onDatamodels). */
export function rememberDatamodels(dm: Datamodels, originalLogits?: { train: Float32Array; validation: Float32Array }, datasetHash: string | null = null): void {
  const source: DatamodelsInfo['source'] = dm.estimator === 'imported' ? 'imported' : originalLogits ? 'computed' : 'experiment';
  held = { dm, source, datasetHash, logits: originalLogits ?? null };
}

function heldFor(dataset: Dataset): Held | null {
  if (!held || held.dm.trainSize !== dataset.train.count || held.dm.validationSize !== dataset.validation.count) return null;
  if (held.datasetHash && held.datasetHash !== dataset.hash) return null;
  if (!held.logits) {
    const all = new Uint8Array(held.dm.trainSize).fill(1);
    held.logits = { train: held.dm.predict(all, 'train'), validation: held.dm.predict(all, 'validation') };
  }
  return held;
}

// ---------------------------------------------------------------- the calls

function classCounts(labels: Uint8Array, indices: Int32Array, classes: number): number[] {
  const out = new Array<number>(classes).fill(0);
  for (const i of indices) out[labels[i]]++;
  return out;
}

function needsFeatures(rule: ForgetRule): boolean {
  return rule.kind === 'subpopulation' || (rule.kind === 'class' && rule.count !== undefined);
}

export async function resolveForget(dataset: Dataset, ruleIn: unknown, seed: number): Promise<ResolvedForget> {
  const rule = forgetRuleSchema.parse(ruleIn);
  const features = needsFeatures(rule) ? { values: (await featuresFor(dataset)).train, dim: FEATURE_DIM } : undefined;
  const r = resolveForgetSet(rule, dataset, seed, features);
  return { indices: r.forget, classCounts: classCounts(dataset.train.labels, r.forget, dataset.classNames.length), poisoned: r.poisoning.kind !== 'none' };
}

/** PCA (power iteration with deflation) of the centred fixed features to two axes. */
export async function poolMap(dataset: Dataset): Promise<PoolMap> {
  const x = (await featuresFor(dataset)).train;
  const n = dataset.train.count;
  const d = FEATURE_DIM;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += x[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  const c = new Float32Array(n * d);
  let total = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const v = x[i * d + j] - mean[j];
      c[i * d + j] = v;
      total += v * v;
    }
  }
  const comps: Float64Array[] = [];
  const explained: number[] = [];
  const proj = new Float64Array(n);
  for (let k = 0; k < 2; k++) {
    let v = new Float64Array(d).map((_, j) => Math.sin(j * 12.9898 + k * 78.233));
    let lambda = 0;
    for (let it = 0; it < 60; it++) {
      // proj = C v ; w = Cᵀ proj, minus earlier components
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += c[i * d + j] * v[j];
        proj[i] = s;
      }
      const w = new Float64Array(d);
      for (let i = 0; i < n; i++) {
        const p = proj[i];
        for (let j = 0; j < d; j++) w[j] += c[i * d + j] * p;
      }
      for (const u of comps) {
        let dot = 0;
        for (let j = 0; j < d; j++) dot += w[j] * u[j];
        for (let j = 0; j < d; j++) w[j] -= dot * u[j];
      }
      const norm = Math.hypot(...w);
      if (norm === 0) break;
      lambda = norm;
      v = w.map((a) => a / norm);
    }
    comps.push(v);
    explained.push(total > 0 ? lambda / total : 0);
  }
  const xy = new Float32Array(2 * n);
  for (let k = 0; k < 2; k++) {
    let lo = Infinity;
    let hi = -Infinity;
    const vals = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += c[i * d + j] * comps[k][j];
      vals[i] = s;
      lo = Math.min(lo, s);
      hi = Math.max(hi, s);
    }
    const span = hi - lo || 1;
    for (let i = 0; i < n; i++) xy[2 * i + k] = (vals[i] - lo) / span;
  }
  return { xy, explained: [explained[0], explained[1]] };
}

export function datamodelsInfo(dataset: Dataset | null): DatamodelsInfo | null {
  const h = dataset ? heldFor(dataset) : null;
  return h ? { estimator: h.dm.estimator, source: h.source, seconds: h.dm.cost.seconds, trainSize: h.dm.trainSize } : null;
}

export function previewForget(dataset: Dataset, indices: Int32Array, focus: number | null): ForgetPreview | null {
  const start = performance.now();
  const h = heldFor(dataset);
  if (!h || !h.logits) return null;
  const forget = Int32Array.from(new Set(indices)).filter((i) => i >= 0 && i < dataset.train.count);
  const p = previewRemoval({ datamodels: h.dm, originalLogits: h.logits, labels: { train: dataset.train.labels, validation: dataset.validation.labels }, forget });
  const f = focus != null && focus >= 0 && focus < dataset.train.count ? { index: focus, before: p.before.train[focus], after: p.margins.train[focus] } : null;
  return { forgetSize: forget.length, accuracy: p.accuracy, focus: f, ms: performance.now() - start };
}

/** TRAK's scale calibration for the on-page preview: 4 subset models (the engine's default is 8), half the wait. */
const PREVIEW_CALIBRATION_MODELS = 4;

/**
 * Datamodels for the preview without running an experiment: trains `models` originals
 * with the experiment's model and recipe, then TRAK on their last layer (labelled as such).
 */
export async function computeDatamodels(compute: Compute, dataset: Dataset, req: DatamodelsRequest, onProgress: (p: Progress) => void): Promise<DatamodelsInfo> {
  const inputs = await modelInputs(dataset, req.spec, (f) => onProgress({ stage: 'Features', done: f, total: 1, secondsLeft: null }));
  await compute.setInputs(inputs);
  const classes = dataset.classNames.length;
  const inputDim = inputDimOf(req.spec);
  const { seeds, orderSeed } = ensembleSeeds(req.seed, 'originals', req.models);
  const all = Int32Array.from({ length: dataset.train.count }, (_, i) => i);
  const { ensemble } = await trainEnsemble(compute, {
    spec: req.spec, seeds, orderSeed, inputDim, labels: dataset.train.labels, classes,
    indices: all, training: req.training, stage: 'Originals', onProgress,
  });
  try {
    const dm = await trakDatamodels(ensemble, {
      spec: req.spec, training: req.training, compute, inputs, inputDim,
      labels: dataset.train.labels, validationLabels: dataset.validation.labels, classes, seed: deriveSeed(req.seed, 'attribution'), onProgress,
    }, 'trak-last-layer', { models: req.models, calibrationModels: PREVIEW_CALIBRATION_MODELS });
    const logits = { train: meanOverModels(await ensemble.predict('train'), ensemble.size), validation: meanOverModels(await ensemble.predict('validation'), ensemble.size) };
    rememberDatamodels(dm, logits, dataset.hash);
    return datamodelsInfo(dataset)!;
  } finally {
    ensemble.dispose();
  }
}

export interface ImportSummary extends DatamodelsInfo {
  /** β's shape as imported: [n_train, n_targets] or [n_train, n_targets, C]. */
  shape: number[];
  /** Models in the optional margins file (0 without one). */
  marginModels: number;
}

/**
 * Datamodels computed elsewhere, from `.npy` files (see engine/npy/import-datamodels.ts for
 * the layouts), checked against the loaded dataset and kept for the preview.
 */
export function importNpyDatamodels(dataset: Dataset, files: { name: string; bytes: ArrayBuffer }[]): ImportSummary {
  const named = files.map((f) => ({ name: f.name, bytes: new Uint8Array(f.bytes) }));
  const imported = importDatamodels(classifyNpyFiles(named), importDatasetOf(dataset));
  const dm = imported.datamodels;
  rememberDatamodels(dm, undefined, dataset.hash);
  const shape = dm.output === 'logits' ? [dm.trainSize, dm.trainSize + dm.validationSize, dm.classes] : [dm.trainSize, dm.trainSize + dm.validationSize];
  return { ...datamodelsInfo(dataset)!, shape, marginModels: imported.margins?.models ?? 0 };
}

// ---------------------------------------------------------------- as worker methods

type ForgetMethods = Pick<LabWorkerApi, 'resolveForget' | 'poolMap' | 'datamodelsInfo' | 'previewForget' | 'computeDatamodels' | 'importDatamodels'>;

const noDataset = { ok: false as const, error: { kind: 'no-dataset' as const, message: 'Load a dataset first.' } };

/** An ExperimentError (empty set, index outside the pool…) is the user's to fix, not a bug. */
function userError(e: unknown): unknown {
  return e instanceof ExperimentError ? new RangeError(e.message) : e;
}

/** The methods lab.worker.ts spreads into its API; `ensureBackend` initialises tfjs when features are needed. */
export function forgetApi(getDataset: () => Dataset | null, ensureBackend: () => Promise<Compute>): ForgetMethods {
  return {
    async resolveForget(rule, seed) {
      const d = getDataset();
      if (!d) return noDataset;
      const out = await settle(async () => {
        try {
          const parsed = forgetRuleSchema.parse(rule);
          if (needsFeatures(parsed)) await ensureBackend();
          return await resolveForget(d, parsed, seed);
        } catch (e) {
          throw userError(e);
        }
      }, 'bad-request');
      return out.ok ? Comlink.transfer(out, [out.value.indices.buffer]) : out;
    },
    async poolMap() {
      const d = getDataset();
      if (!d) return noDataset;
      const out = await settle(async () => {
        await ensureBackend();
        return poolMap(d);
      });
      return out.ok ? Comlink.transfer(out, [out.value.xy.buffer]) : out;
    },
    async datamodelsInfo() {
      return { ok: true, value: datamodelsInfo(getDataset()) };
    },
    async previewForget(indices, focus) {
      const d = getDataset();
      if (!d) return noDataset;
      return settle(async () => previewForget(d, indices, focus), 'bad-request');
    },
    async computeDatamodels(request, onProgress) {
      const d = getDataset();
      if (!d) return noDataset;
      try {
        return await settle(async () => {
          return computeDatamodels(await ensureBackend(), d, request, onProgress);
        });
      } finally {
        (onProgress as Partial<Comlink.Remote<unknown>>)[Comlink.releaseProxy]?.();
      }
    },
    async importDatamodels(files) {
      const d = getDataset();
      if (!d) return noDataset;
      // An NpyError (wrong shape, dtype, order…) names the file: the user's to fix.
      return settle(async () => importNpyDatamodels(d, files), 'bad-request');
    },
  };
}
