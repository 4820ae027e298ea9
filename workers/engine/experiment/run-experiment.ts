import { summarizeDataset } from '../data/dataset';
import type { Dataset } from '../data/types';
import type { BlobStore } from '../cache/blob-store';
import { noCache } from '../cache/blob-store';
import { evaluateMethod, mapGroups, noiseFloor, type ByGroup, type GroupOutputs } from '../metrics';
import { METHOD_METAS, parseMethodParams } from '../methods/registry';
import { runMethod } from '../methods/run-registry';
import type { MethodOutput } from '../methods/types';
import { cloneEnsemble, disposeEnsemble, type Ensemble } from '../models/ensemble';
import { FEATURE_DIM } from '../models/features';
import { disposeInputs, featuresFor, prepareInputs, type ModelInputs } from '../models/inputs';
import { tf } from '../tf';
import { CancelledError } from '../train/errors';
import { predictLogits } from '../train/predict';
import type { Progress } from '../train/progress';
import { deriveSeed } from '../util/rng';
import { resolveForgetSet, trainingDataset, type ForgetResolution } from './forget-rules';
import { argmaxRate, groupOutputs, meanOverModels, toEnsembleOutputs, type GroupLogits } from './outputs';
import { trainOrLoadEnsemble } from './reference';
import { RESULTS_FORMAT, RESULTS_VERSION, type AttributionSummary, type ExperimentResults, type MethodResult } from './results';
import { ATTRIBUTION_ESTIMATORS, describeExperimentIssues, experimentSchema, ExperimentError, type Experiment } from './schema';
import type { Datamodels } from '../attribution/types';
import { backdoorInputs, evaluationPoints } from './points';

/** Progress of a whole experiment: the current stage and where it sits among all stages. */
export interface ExperimentProgress extends Progress {
  stageIndex: number;
  stageCount: number;
}

/** Datamodels as the runner needs them: Σ_{i∈F} β_i(x) for rows of a set. */
export interface AttributionHandle {
  removalEffect: (forget: Int32Array, set: 'train' | 'validation', rows: Int32Array) => Float32Array | Promise<Float32Array>;
  summary: AttributionSummary;
  /** The datamodels themselves (the page keeps them for the instant preview). */
  datamodels?: Datamodels;
}

export type Estimator = (typeof ATTRIBUTION_ESTIMATORS)[number];

/** Builds (or loads from cache) the datamodels of one estimator. */
export type AttributionProvider = (a: {
  experiment: Experiment;
  estimator: Estimator;
  warn: (message: string) => void;
  dataset: Dataset;
  inputs: ModelInputs;
  labels: Uint8Array;
  classes: number;
  originals: Ensemble;
  store: BlobStore;
  onProgress: (p: Progress) => void;
  signal?: AbortSignal;
}) => Promise<AttributionHandle>;

export interface RunExperimentOptions {
  dataset: Dataset;
  store?: BlobStore;
  attribution?: AttributionProvider;
  onProgress?: (p: ExperimentProgress) => void;
  /** Each method's result as soon as it is evaluated (the page charts them live). */
  onMethodResult?: (r: MethodResult) => void;
  /**
   * Originals, oracles (and the noise floor) as soon as they are evaluated, before any
   * method: the page charts them at once and keeps them if the run is cancelled later.
   */
  onReference?: (reference: ExperimentResults['reference']) => void;
  /** Datamodels as soon as they exist (the page's instant preview). */
  onDatamodels?: (estimator: Estimator, datamodels: Datamodels) => void;
  signal?: AbortSignal;
}

/** The estimators the experiment's datamodel methods ask for, in order of first use. */
function estimatorsNeeded(e: Experiment): Estimator[] {
  const out: Estimator[] = [];
  for (const m of e.methods) {
    if (!METHOD_METAS[m.id].needs.includes('datamodels')) continue;
    const est = estimatorOf(m.params);
    if (!out.includes(est)) out.push(est);
  }
  return out;
}

function estimatorOf(params: Record<string, unknown>): Estimator {
  const e = params.estimator;
  return (ATTRIBUTION_ESTIMATORS as readonly unknown[]).includes(e) ? (e as Estimator) : 'regression';
}

/**
 * Runs a whole experiment: forget set → originals, oracles (and a second, disjoint set of
 * oracles for the noise floor) → datamodels if a method needs them → every method on every
 * original → evaluation. A pure function of (experiment, dataset, backend). A method that
 * fails or diverges is flagged and the others go on; cancelling returns what finished
 * with status 'cancelled'.
 */
export async function runExperiment(input: unknown, o: RunExperimentOptions): Promise<ExperimentResults> {
  const parsed = experimentSchema.safeParse(input);
  if (!parsed.success) throw new ExperimentError(`Invalid experiment: ${describeExperimentIssues(parsed.error)}`);
  const x = parsed.data;
  const store = o.store ?? noCache;
  const backend = tf.getBackend();
  const warnings: string[] = [];
  const warn = (m: string) => void (warnings.includes(m) || warnings.push(m));
  const timings: Record<string, number> = {};
  const stages = ['Features', 'Originals', 'Oracles', ...(x.evaluation.noiseFloor ? ['Second oracles'] : []), ...estimatorsNeeded(x).map((e) => `Datamodels (${e})`), ...x.methods.map((m) => METHOD_METAS[m.id].label)];
  let stageIndex = 0;
  const progressFor = (stage: string) => (p: Progress) =>
    o.onProgress?.({ ...p, stage: p.stage.startsWith(stage) ? p.stage : `${stage}: ${p.stage}`, stageIndex, stageCount: stages.length });
  const timed = async <T>(name: string, f: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    try {
      return await f();
    } finally {
      timings[name] = (timings[name] ?? 0) + (performance.now() - t) / 1000;
      stageIndex++;
    }
  };

  // 1. Forget set (rules that need features use the fixed features, which never depend on training data).
  const classes = o.dataset.classNames.length;
  const feats = await timed('features', () => featuresFor(o.dataset, undefined, (f) => progressFor('Features')({ stage: 'Features', done: f, total: 1, secondsLeft: null })));
  const resolution: ForgetResolution = resolveForgetSet(x.forget, o.dataset, x.seed, { values: feats.train, dim: FEATURE_DIM });
  const trainSet = trainingDataset(o.dataset, resolution, x.forget);
  const labels = resolution.trainLabels;
  const points = evaluationPoints(resolution, o.dataset, x);
  const groupLabels: ByGroup<Uint8Array> = {
    forget: Uint8Array.from(points.forget, (i) => labels[i]),
    retain: Uint8Array.from(points.retain, (i) => labels[i]),
    validation: Uint8Array.from(points.validation, (i) => o.dataset.validation.labels[i]),
  };
  const inputs = await prepareInputs(trainSet, x.model);
  const trigger = resolution.poisoning.kind === 'backdoor' ? await backdoorInputs(o.dataset, x.model, resolution.poisoning) : null;
  const held: Ensemble[] = [];
  const results: ExperimentResults = {
    format: RESULTS_FORMAT,
    formatVersion: RESULTS_VERSION,
    status: 'complete',
    experiment: x,
    dataset: summarizeDataset(o.dataset),
    backend,
    createdAt: new Date().toISOString(),
    points: mapGroups((g) => Array.from(points[g])),
    labels: mapGroups((g) => Array.from(groupLabels[g])),
    forgetSetSize: resolution.forget.length,
    trueForgetLabels: Array.from(resolution.trueForgetLabels),
    reference: { originals: null!, oracles: null!, secondOracles: null, noiseFloor: null },
    retrainSeconds: NaN,
    attribution: [],
    methods: [],
    timings,
    warnings,
  };

  /** Logits of an ensemble (or a predictor) on every group, plus the scenario extras. */
  const evaluate = async (predict: (set: 'train' | 'validation', rows: Int32Array) => Promise<Float32Array>, models: number, ensemble: Ensemble | null) => {
    const logits: GroupLogits = {
      forget: await predict('train', points.forget),
      retain: await predict('train', points.retain),
      validation: await predict('validation', points.validation),
    };
    const outputs = groupOutputs(logits, groupLabels, models, classes);
    const json = toEnsembleOutputs(outputs);
    if (resolution.poisoning.kind !== 'none') {
      json.forgetTrueLabelAccuracy = argmaxRate(logits.forget, models, points.forget.length, classes, (r) => resolution.trueForgetLabels[r]);
    }
    if (trigger && ensemble && resolution.poisoning.kind === 'backdoor') {
      const target = resolution.poisoning.targetClass;
      const l = await predictLogits(ensemble, trigger.inputs);
      json.attackSuccess = argmaxRate(l, models, trigger.count, classes, () => target);
    }
    return { outputs, json };
  };
  const ensemblePredictor = (e: Ensemble) => (set: 'train' | 'validation', rows: Int32Array) =>
    predictLogits(e, set === 'train' ? inputs.train : inputs.validation, rows);

  const common = {
    datasetHash: trainSet.hash,
    spec: x.model,
    training: x.training,
    models: x.ensemble.models,
    seed: x.seed,
    inputs: inputs.train,
    inputDim: inputs.inputDim,
    labels,
    classes,
    backend,
    store,
    signal: o.signal,
    warn,
  };
  try {
    // 2. Reference ensembles.
    const originals = await timed('originals', () =>
      trainOrLoadEnsemble({ ...common, role: 'originals', stage: 'Originals', indices: allRows(o.dataset.train.count), onProgress: progressFor('Originals') }),
    );
    held.push(originals.ensemble);
    const oracles = await timed('oracles', () =>
      trainOrLoadEnsemble({ ...common, role: 'oracles', stage: 'Oracles', indices: resolution.retain, onProgress: progressFor('Oracles') }),
    );
    held.push(oracles.ensemble);
    results.retrainSeconds = oracles.trainSeconds;
    const originalEval = await evaluate(ensemblePredictor(originals.ensemble), x.ensemble.models, originals.ensemble);
    const oracleEval = await evaluate(ensemblePredictor(oracles.ensemble), x.ensemble.models, oracles.ensemble);
    results.reference.originals = originalEval.json;
    results.reference.oracles = oracleEval.json;
    let secondOracleMargins: ByGroup<GroupOutputs> | null = null;
    if (x.evaluation.noiseFloor) {
      const second = await timed('second oracles', () =>
        trainOrLoadEnsemble({ ...common, role: 'oracles-2', stage: 'Second oracles', indices: resolution.retain, onProgress: progressFor('Second oracles') }),
      );
      const ev = await evaluate(ensemblePredictor(second.ensemble), x.ensemble.models, second.ensemble);
      disposeEnsemble(second.ensemble);
      results.reference.secondOracles = ev.json;
      secondOracleMargins = ev.outputs;
      results.reference.noiseFloor = noiseFloor(
        mapGroups((g) => oracleEval.outputs[g].margins),
        mapGroups((g) => ev.outputs[g].margins),
      );
    }

    o.onReference?.(results.reference);

    // 3. Datamodels, once per estimator that a method asks for (they do not depend on F).
    const attributions = new Map<Estimator, AttributionHandle>();
    for (const est of estimatorsNeeded(x)) {
      if (!o.attribution) {
        warn('Datamodel methods need an attribution provider; they are reported as failed');
        break;
      }
      let handle: AttributionHandle;
      try {
        handle = await timed(`datamodels:${est}`, () =>
          o.attribution!({ experiment: x, estimator: est, warn, dataset: trainSet, inputs, labels, classes, originals: originals.ensemble, store, onProgress: progressFor(`Datamodels (${est})`), signal: o.signal }),
        );
      } catch (e) {
        if (e instanceof CancelledError) throw e;
        // the methods that read these datamodels fail with "missing datamodels"; the rest go on
        warn(`Datamodels (${est}) could not be built: ${(e as Error)?.message ?? String(e)}`);
        continue;
      }
      attributions.set(est, handle);
      results.attribution.push(handle.summary);
      if (handle.datamodels) o.onDatamodels?.(est, handle.datamodels);
    }
    const originalLogitsCache = new Map<string, Float32Array>();
    const predictedOracleLogitsFor = (attribution: AttributionHandle | undefined) =>
      attribution
        ? async (set: 'train' | 'validation', rows: Int32Array) => {
            const key = `${set}:${rows.length}:${rows[0]}:${rows[rows.length - 1]}`;
            let base = originalLogitsCache.get(key);
            if (!base) {
              base = await ensemblePredictor(originals.ensemble)(set, rows);
              originalLogitsCache.set(key, base);
            }
            const effect = await attribution.removalEffect(resolution.forget, set, rows); // [rows × C]
            const out = base.slice();
            const per = effect.length;
            for (let m = 0; m < x.ensemble.models; m++) for (let i = 0; i < per; i++) out[m * per + i] -= effect[i];
            return out;
          }
        : undefined;
    const oracleLogits = async (rows: Int32Array) => meanOverModels(await ensemblePredictor(oracles.ensemble)('train', rows), x.ensemble.models);

    // 4. Methods, each on a private clone of the originals.
    for (const choice of x.methods) {
      const meta = METHOD_METAS[choice.id];
      const base: Omit<MethodResult, 'status' | 'outputs' | 'evaluation' | 'cost'> = { id: choice.id, label: meta.label, params: choice.params, notes: [] };
      const failed = (error: string): MethodResult => ({ ...base, status: 'failed', error, cost: { seconds: 0, steps: 0, examples: 0, relativeToRetrain: 0 }, outputs: null, evaluation: null });
      let params: Record<string, unknown>;
      try {
        params = parseMethodParams(choice.id, choice.params);
      } catch (e) {
        const issues = (e as { issues?: { path: (string | number)[]; message: string }[] }).issues;
        const r = failed(`Invalid hyperparameters for ${meta.label}: ${issues ? issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : String(e)}`);
        results.methods.push(r);
        o.onMethodResult?.(r);
        stageIndex++;
        continue;
      }
      base.params = params;
      if (meta.needs.includes('datamodels')) base.label = `${meta.label} · ${estimatorOf(params)}`;
      let out: MethodOutput | null = null;
      try {
        out = await timed(`method:${choice.id}`, () =>
          runMethod(choice.id, {
            params,
            originals: cloneEnsemble(originals.ensemble),
            trainInputs: inputs.train,
            inputDim: inputs.inputDim,
            labels,
            classes,
            forget: resolution.forget,
            retain: resolution.retain,
            seed: deriveSeed(x.seed, 'method', choice.id),
            retrainFromScratch: async (stage) =>
              (
                await trainOrLoadEnsemble({ ...common, store: noCache, role: 'retrain', stage, indices: resolution.retain, onProgress: progressFor(meta.label) })
              ).ensemble,
            retrainSchedule: { epochs: x.training.epochs, batchSize: x.training.batchSize },
            oracleLogits,
            predictedOracleLogits: predictedOracleLogitsFor(attributions.get(estimatorOf(params))),
            onProgress: progressFor(meta.label),
            signal: o.signal,
          }),
        );
      } catch (e) {
        if (e instanceof CancelledError) throw e;
        const r = failed((e as Error)?.message ?? String(e));
        results.methods.push(r);
        o.onMethodResult?.(r);
        continue;
      }
      try {
        const predictor = out.ensemble ? ensemblePredictor(out.ensemble) : out.predict!;
        const ev = await evaluate(predictor, x.ensemble.models, out.ensemble);
        const evaluation = evaluateMethod({
          unlearned: ev.outputs,
          oracle: oracleEval.outputs,
          secondOracle: secondOracleMargins ? mapGroups((g) => secondOracleMargins![g].margins) : undefined,
          labels: { forget: groupLabels.forget, validation: groupLabels.validation },
          seed: deriveSeed(x.seed, 'evaluation', choice.id),
        });
        const r: MethodResult = {
          ...base,
          notes: out.notes,
          status: out.diverged ? 'diverged' : 'ok',
          cost: { ...out.cost, relativeToRetrain: out.cost.seconds / results.retrainSeconds },
          outputs: ev.json,
          evaluation,
        };
        results.methods.push(r);
        o.onMethodResult?.(r);
      } finally {
        if (out.ensemble) disposeEnsemble(out.ensemble);
      }
    }
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    results.status = 'cancelled';
  } finally {
    for (const e of held) disposeEnsemble(e);
    disposeInputs(inputs);
    trigger?.dispose();
  }
  return results;
}

function allRows(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i);
}
