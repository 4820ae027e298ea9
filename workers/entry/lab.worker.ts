/**
 * The lab's compute worker: owns the tfjs backend and the loaded dataset, and exposes
 * LabWorkerApi to the page through Comlink. One instance per page; the page's client
 * terminates it to cancel (the only sure way to stop a long tfjs kernel) and starts a
 * fresh one, so nothing here needs to survive a cancel.
 */
import * as Comlink from 'comlink';
import { initBackend, onBackendLost, type BackendPreference, type BackendReport } from '../engine/backend/select';
import { viteWasmPaths } from '../engine/backend/wasm-paths.vite';
import { summarizeDataset } from '../engine/data/dataset';
import type { Dataset } from '../engine/data/types';
import { modelSpecSchema } from '../engine/models/spec';
import { nativeKernelBuild } from '../engine/native/kernels';
import { trainClassifier } from '../engine/train/train-classifier';
import { trainingSchema } from '../engine/train/train-ensemble';
import { runExperimentOn } from './experiment-api';
import { resolveDataset, trainImagesForPage } from './datasets';
import { settle } from './errors';
import { forgetApi } from './forget-api';
import { cacheStore } from './cache-store';
import { setDatamodelsStore } from './forget/datamodels-holder';
import { computeForBackend, poolThreads } from './compute';
import { idbProbeCache } from './probe-cache';
import type { Compute } from '../engine/compute/types';
import type { LabWorkerApi, LoadedDataset, Outcome } from './lab-api';

// The preview's datamodels are saved across reloads in the same cache as the ensembles.
setDatamodelsStore(cacheStore() ?? null);

let dataset: Dataset | null = null;
let backend: BackendReport | null = null;
let stopWatchingLoss: (() => void) | null = null;
/** Where experiments train (a pool of compute workers on wasm); follows the backend. */
let compute: Compute | null = null;

/** Initialises the backend ('auto': the fastest, measured) and says what will train the models. */
async function initLabBackend(preference: BackendPreference): Promise<BackendReport> {
  const report = await initBackend(preference, { wasmPaths: viteWasmPaths, computeThreads: poolThreads(), probeCache: idbProbeCache });
  const c = computeFor(report);
  backend = { ...report, engine: c.engine, threads: c.threads, ...(c.engine === 'native' ? { fusedMultiplyAdd: nativeKernelBuild() === 'fused' } : {}) };
  return backend;
}

function computeFor(report: BackendReport): Compute {
  if (!compute || compute.backend !== report.active) {
    compute?.dispose();
    compute = computeForBackend(report.active);
  }
  return compute;
}

const api: LabWorkerApi = {
  init(preference) {
    return settle(async () => {
      return initLabBackend(preference);
    }, 'backend');
  },

  async loadDataset(choice, options): Promise<Outcome<LoadedDataset>> {
    const outcome = await settle(async () => {
      // Only replace the current dataset once the new one decoded: a bad file loses nothing.
      const next = await resolveDataset(choice);
      dataset = next;
      const images = options.withPixels ? trainImagesForPage(next) : null;
      return { summary: summarizeDataset(next), pixels: images?.pixels ?? null, labels: images?.labels ?? null };
    }, 'dataset');
    if (!outcome.ok || outcome.value.pixels == null || outcome.value.labels == null) return outcome;
    return Comlink.transfer(outcome, [outcome.value.pixels, outcome.value.labels]);
  },

  async train(request, onProgress, onEpoch) {
    const current = dataset;
    if (current == null) return { ok: false, error: { kind: 'no-dataset', message: 'Load a dataset before training.' } };
    return settle(async () => {
      if (backend == null) await initLabBackend('auto');
      const spec = modelSpecSchema.parse(request.spec);
      const training = trainingSchema.parse(request.training);
      try {
        // One model: trained in this worker (the pool splits models, and there is one).
        return await trainClassifier({ dataset: current, spec, training, seed: request.seed, onProgress, onEpoch });
      } finally {
        // The callbacks are proxies holding MessagePorts; release them so the page can collect them.
        for (const cb of [onProgress, onEpoch]) (cb as Partial<Comlink.Remote<unknown>>)[Comlink.releaseProxy]?.();
      }
    });
  },

  async runExperiment(experiment, onProgress, onResults) {
    const current = dataset;
    if (current == null) return { ok: false, error: { kind: 'no-dataset', message: 'Load a dataset before running an experiment.' } };
    return settle(async () => {
      const report = backend ?? (await initLabBackend('auto'));
      try {
        return await runExperimentOn(current, experiment, computeFor(report), onProgress, onResults);
      } finally {
        for (const cb of [onProgress, onResults]) (cb as Partial<Comlink.Remote<unknown>>)[Comlink.releaseProxy]?.();
      }
    });
  },

  ...forgetApi(
    () => dataset,
    async () => {
      return computeFor(backend ?? (await initLabBackend('auto')));
    },
  ),

  watchBackendLoss(onLost) {
    stopWatchingLoss?.();
    stopWatchingLoss = onBackendLost((event) => void onLost(event));
  },
};

Comlink.expose(api);
