import type { Compute, ComputeInputs } from '../compute/types';
import type { Dataset } from '../data/types';
import { mapGroups, type ByGroup } from '../metrics';
import { FEATURE_DIM } from '../models/features';
import { featuresFor, inputDimOf, inputsOfImages, modelInputs } from '../models/inputs';
import { resolveForgetSet, trainingDataset, triggeredValidation, type ForgetResolution } from './forget-rules';
import { evaluationPoints } from './points';
import { describeExperimentIssues, experimentSchema, ExperimentError, type Experiment } from './schema';

/** Everything the stages of a run share once the forget set is resolved and the inputs are set. */
export interface ExperimentSetup {
  x: Experiment;
  dataset: Dataset;
  /** The data the models train on (poisoned for mislabeled / backdoor rules). */
  trainSet: Dataset;
  resolution: ForgetResolution;
  /** Training labels of the pool. */
  labels: Uint8Array;
  classes: number;
  inputDim: number;
  /** Evaluated points per group, and the labels margins are computed against. */
  points: ByGroup<Int32Array>;
  groupLabels: ByGroup<Uint8Array>;
  /** Backdoor only: number of triggered validation images (the compute's 'trigger' inputs). */
  triggerCount: number;
  /** The inputs handed to the compute, as matrices (TRAK's forward passes read them too). */
  inputs: ComputeInputs;
}

/** Validates an experiment description, or throws ExperimentError naming what is wrong. */
export function parseExperimentInput(input: unknown): Experiment {
  const parsed = experimentSchema.safeParse(input);
  if (!parsed.success) throw new ExperimentError(`Invalid experiment: ${describeExperimentIssues(parsed.error)}`);
  return parsed.data;
}

/**
 * Stage 1: the forget set (rules that need features use the fixed features, which never
 * depend on training data), the training data it implies, the evaluated points, and the
 * model inputs, handed to the compute.
 */
export async function prepareExperiment(x: Experiment, dataset: Dataset, compute: Compute, onFeatures?: (fraction: number) => void): Promise<ExperimentSetup> {
  const classes = dataset.classNames.length;
  const feats = await featuresFor(dataset, undefined, onFeatures);
  const resolution = resolveForgetSet(x.forget, dataset, x.seed, { values: feats.train, dim: FEATURE_DIM });
  const trainSet = trainingDataset(dataset, resolution, x.forget);
  const labels = resolution.trainLabels;
  const points = evaluationPoints(resolution, dataset, x);
  const groupLabels: ByGroup<Uint8Array> = {
    forget: Uint8Array.from(points.forget, (i) => labels[i]),
    retain: Uint8Array.from(points.retain, (i) => labels[i]),
    validation: Uint8Array.from(points.validation, (i) => dataset.validation.labels[i]),
  };
  const inputs = await modelInputs(trainSet, x.model);
  let triggerCount = 0;
  if (resolution.poisoning.kind === 'backdoor') {
    const { set } = triggeredValidation(dataset.validation, resolution.poisoning.targetClass, resolution.poisoning.patchSize);
    inputs.sets.trigger = await inputsOfImages(set, x.model);
    triggerCount = set.count;
  }
  await compute.setInputs(inputs);
  return { x, dataset, trainSet, resolution, labels, classes, inputDim: inputDimOf(x.model), points, groupLabels, triggerCount, inputs };
}

/** The evaluated points as plain arrays (the results file). */
export function pointLists(s: ExperimentSetup): ByGroup<number[]> {
  return mapGroups((g) => Array.from(s.points[g]));
}
