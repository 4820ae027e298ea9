import { ESTIMATORS } from '../methods/shared/param-fields';
import { z } from 'zod';
import { modelSpecSchema } from '../models/spec';
import { METHOD_IDS } from '../methods/types';
import { trainingSchema } from '../train/training-schema';
import { UserError } from '../util/user-error';

/**
 * The experiment description: ONE versioned object that the page's URL, the CLI's
 * config file and the results file all carry. A run is a pure function of it (plus the
 * backend, recorded beside it). Bounds here are the bounds the UI enforces, so a
 * tampered link is clamped or rejected by the same rules.
 */
export const EXPERIMENT_VERSION = 1;
export const MAX_FORGET = 2500;

const count = z.number().int().min(1).max(MAX_FORGET);
const classIndex = z.number().int().min(0).max(9);

export const forgetRuleSchema = z.discriminatedUnion('kind', [
  /** Hand-picked train-pool indices. */
  z.object({ kind: z.literal('indices'), indices: z.array(z.number().int().min(0)).max(MAX_FORGET) }),
  /** k points drawn uniformly from the pool. */
  z.object({ kind: z.literal('random'), count }),
  /** Every point of one class (optionally capped at `count`, nearest to the class mean first). */
  z.object({ kind: z.literal('class'), classIndex, count: count.optional() }),
  /**
   * A sub-population: one k-means cluster of the fixed features inside a class (the
   * paper's non-random forget sets, the hard case), capped at `count` nearest the centroid.
   */
  z.object({
    kind: z.literal('subpopulation'),
    classIndex,
    clusters: z.number().int().min(2).max(20).default(5),
    cluster: z.number().int().min(0).max(19).default(0),
    count: count.default(100),
  }),
  /** `count` points get a wrong label before the originals train; forgetting them repairs the model. */
  z.object({ kind: z.literal('mislabeled'), count }),
  /**
   * `count` points from other classes get a trigger patch and the target label before the
   * originals train; success shows as the attack success rate on triggered validation images falling.
   */
  z.object({
    kind: z.literal('backdoor'),
    count,
    targetClass: classIndex.default(0),
    patchSize: z.number().int().min(2).max(8).default(4),
  }),
]);
export type ForgetRule = z.infer<typeof forgetRuleSchema>;

export const datasetChoiceSchema = z.object({
  /** 'synthetic' (embedded generator) or the id of a prepared / loaded CIFAR-10 dataset. */
  id: z.string().min(1).max(64).default('synthetic'),
  /** Generator settings; ignored for real data. */
  syntheticSeed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
  trainSize: z.number().int().min(200).max(20000).default(5000),
  validationSize: z.number().int().min(100).max(5000).default(1000),
});

export const methodChoiceSchema = z.object({
  id: z.enum(METHOD_IDS),
  /** Validated against the method's own schema when the experiment runs. */
  params: z.record(z.string(), z.unknown()).default({}),
});
export type MethodChoice = z.infer<typeof methodChoiceSchema>;

/**
 * Estimators a DMM / DM-direct method can read (its `estimator` hyperparameter picks one).
 * 'imported': datamodels computed elsewhere and loaded from .npy (CLI `--datamodels`).
 */
export const ATTRIBUTION_ESTIMATORS = ESTIMATORS;

/** Methods one experiment may compare: every method once, with room for a few variants of one. */
export const MAX_METHODS = 24;

/**
 * Group Newton's defaults for DMM and DM-direct: EK-FAC eigenvalues, damping 0.5 × their mean,
 * and the step's length measured on the ensemble (`attribution/ekfac.ts` and
 * `attribution/step-calibration.ts` say why; README's attribution section has the measurements).
 * The damping is the one the attribution bench picks (`npm run bench -- --only attribution`,
 * "Group Newton damping"): with the length calibrated on random folds, damping decides how
 * far a coherent group moves against a random set. Over a sub-population, a class core, a
 * mislabeled and a random set, 0.5 had the smallest mean |log(predicted / retrained shift)|
 * (0.066; 0.7 tied at 0.067, 0.3 0.102; CIFAR-10 subset, N = 8, 2026-12-02): every set
 * within 0.89–0.97× of retraining, where 0.3 leaves the coherent groups at 0.87–0.88×.
 */
const GROUP_NEWTON_DEFAULTS = { damping: 0.5, layers: 'all', eigenvalues: 'ekfac', stepScale: 'calibrated' } as const;

/**
 * A group Newton description without `eigenvalues` was written before EK-FAC (every link and
 * preset made then spells out damping and layers): it keeps meaning what it meant, K-FAC at
 * full step, so an old link reproduces its experiment. Leaving groupNewton out gets today's
 * defaults.
 */
function asBefore(v: unknown): unknown {
  if (typeof v !== 'object' || v === null || 'eigenvalues' in v) return v;
  return { damping: 1, layers: 'all', ...v, eigenvalues: 'kfac', stepScale: 1 };
}

export const experimentSchema = z.object({
  version: z.literal(EXPERIMENT_VERSION),
  name: z.string().max(120).default('Untitled experiment'),
  dataset: datasetChoiceSchema.default({ id: 'synthetic', syntheticSeed: 1, trainSize: 5000, validationSize: 1000 }),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(0),
  model: modelSpecSchema,
  training: trainingSchema,
  /** N: 128 at most (GPU users); KLoM reads from N ≈ 32 on (README, "KLoM and N"). */
  ensemble: z.object({ models: z.number().int().min(2).max(128).default(32) }),
  forget: forgetRuleSchema,
  methods: z.array(methodChoiceSchema).min(1).max(MAX_METHODS),
  evaluation: z
    .object({
      /** Retain points evaluated (a seeded sample of R). */
      retainSample: z.number().int().min(10).max(5000).default(500),
      /** Validation points evaluated (the first ones; all when larger). */
      validationSample: z.number().int().min(10).max(5000).default(1000),
      /** Train a second, disjoint oracle ensemble to show KLoM's noise floor. */
      noiseFloor: z.boolean().default(true),
    })
    .default({ retainSample: 500, validationSample: 1000, noiseFloor: true }),
  attribution: z
    .object({
      /** Subset models M for regression datamodels. */
      models: z.number().int().min(8).max(4096).default(128),
      /** Subset fraction α of each subset model (the paper's 0.5). */
      alpha: z.number().min(0.1).max(0.9).default(0.5),
      /** Also measure the linear datamodeling score (trains 32 more subset models). */
      lds: z.boolean().default(false),
      /** Group Newton: relative damping of its curvature, and the layers that take the step. */
      groupNewton: z
        .preprocess(asBefore, z.object({
          damping: z.number().min(1e-4).max(100).default(GROUP_NEWTON_DEFAULTS.damping),
          layers: z.enum(['all', 'last']).default(GROUP_NEWTON_DEFAULTS.layers),
          eigenvalues: z.enum(['kfac', 'ekfac']).default(GROUP_NEWTON_DEFAULTS.eigenvalues),
          /** A fixed multiple, or 'calibrated': measured on the ensemble against its generalisation gap. */
          stepScale: z.union([z.number().min(0.01).max(10), z.literal('calibrated')]).default(GROUP_NEWTON_DEFAULTS.stepScale),
        }))
        .default(GROUP_NEWTON_DEFAULTS),
    })
    .default({ models: 128, alpha: 0.5, lds: false, groupNewton: GROUP_NEWTON_DEFAULTS }),
});
export type Experiment = z.infer<typeof experimentSchema>;
export type ExperimentInput = z.input<typeof experimentSchema>;

/** A readable list of what is wrong with an experiment description (for messages). */
export function describeExperimentIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 6)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

export class ExperimentError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'ExperimentError';
  }
}

/** Validates (and fills defaults of) an experiment description, or throws a clear ExperimentError. */
export function parseExperiment(input: unknown): Experiment {
  const r = experimentSchema.safeParse(input);
  if (!r.success) throw new ExperimentError(`Invalid experiment: ${describeExperimentIssues(r.error)}`);
  return r.data;
}
