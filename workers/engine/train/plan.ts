/**
 * A training plan: everything one optimisation run does, as plain data.
 *
 * Every method that fine-tunes (FT, GA, GD, RL, SCRUB, OM, DMM) and every ensemble that is
 * trained from scratch (originals, oracles, subset models) is described this way: a list
 * of minibatches, each made of row segments of the train pool, and per step a list of loss
 * terms on the logits of those segments, optimised with Adam. Data, not closures, so that
 * one description runs on every implementation (the native wasm engine, tfjs on any
 * backend) and crosses into pool workers, each running its own share of the models.
 *
 * Per-model tables (labels, example weights, targets) are [models × …]: a worker gets the
 * rows of its models (`planForModels`), so a model's run never depends on where it runs.
 */

export type LossTerm =
  /** Cross-entropy on the plan's labels; `weighted`: each model's mean is over its example weights. */
  | { loss: 'cross-entropy'; segment: number; weight: number; weighted?: boolean }
  /** Mean squared error to the plan's targets, over all logits (OM, DMM). */
  | { loss: 'squared-error'; segment: number; weight: number }
  /** KL(teacher ‖ student) at a temperature, ×T² (SCRUB); the teacher is the starting model. */
  | { loss: 'distillation'; segment: number; weight: number; temperature: number };

export type LrSchedule = 'constant' | 'cosine';

/** Labels per pool row, shared by all models [pool] or one set per model [models × pool]. */
export interface PlanLabels {
  perModel: boolean;
  values: Int32Array;
}

/** Target logits of some pool rows, [rows × C] shared or [models × rows × C]. */
export interface PlanTargets {
  rows: Int32Array;
  perModel: boolean;
  values: Float32Array;
}

/**
 * What happens to each model's gradient before Adam (train/gradient-transform.ts), in
 * this order: clip its ℓ2 norm to `clipNorm`; add Gaussian noise (noisy descent); multiply
 * by `mask` (SalUn: only salient weights move). Per-model parts are in ModelWeights order,
 * so every engine reads them alike and a model's run does not depend on where it runs.
 *
 * `l1` is ℓ1-sparse's penalty γ, applied as a proximal step after Adam's (decoupled, as
 * AdamW decouples weight decay: Adam would rescale a penalty added to the gradient into a
 * ±lr jitter of every weight): θ ← sign(θ)·max(|θ| − lr_t·γ_t, 0), with γ_t falling
 * linearly from γ to zero over the run.
 */
export interface GradientTransform {
  clipNorm: number | null;
  l1: number | null;
  /** std of the noise added to every gradient entry; seeded by (seed, model, step). */
  noise: { std: number; seed: number } | null;
  /** [models × perModel] (perModel = one model's parameter count), 1 where a weight may move. */
  mask: { perModel: number; values: Float32Array } | null;
  /** Index of this plan's first model in the whole ensemble (planForModels shifts it). */
  firstModel: number;
}

export interface TrainingPlan {
  /** Rows of every segment, concatenated; segment g is rows[rowStart[g] … rowStart[g + 1]). */
  rows: Int32Array;
  rowStart: Int32Array;
  /** Segments of step s: segmentStart[s] … segmentStart[s + 1] (terms index them from 0). */
  segmentStart: Int32Array;
  /** The loss terms of step s are kinds[kindOfStep[s]]. */
  kindOfStep: Uint8Array;
  kinds: LossTerm[][];
  learningRate: number;
  schedule: LrSchedule;
  /** A model whose loss passes this (or turns NaN/∞) stops there: it diverged. Null: never. */
  lossLimit: number | null;
  labels: PlanLabels;
  /** Per-model 0/1 (or real) example weights over the pool [models × pool]. */
  exampleWeights: Float32Array | null;
  targets: PlanTargets | null;
  /** Rows on which the starting model's logits are frozen as the distillation teacher. */
  teacherRows: Int32Array | null;
  /** Changes to the gradient before Adam (SalUn, ℓ1-sparse, noisy descent); absent: none. */
  gradient?: GradientTransform | null;
}

/** What a run reports per model; totals over models are the method's cost. */
export interface PlanReport {
  /** Steps executed (all of them, unless every model diverged earlier). */
  steps: number;
  /** Examples touched, summed over the models that were still training. */
  examples: number;
  seconds: number;
  /** Each model's loss at the last check. */
  lastLoss: Float64Array;
  /** Step after which each model stopped because its loss ran away, or −1. */
  divergedAt: Int32Array;
  /** 1 where every final weight of the model is finite. */
  finite: Uint8Array;
}

/** In-thread runs only: awaited every `every` steps with the weights up to date (an epoch's evaluation). */
export interface Checkpoint {
  every: number;
  run: (step: number) => Promise<void>;
}

/** How often (in steps) losses are checked: reading a loss back syncs a GPU. */
export const CHECK_EVERY = 8;

/** The learning rate of step s of `steps`. */
export function learningRateAt(plan: Pick<TrainingPlan, 'learningRate' | 'schedule'>, step: number, steps: number): number {
  return plan.schedule === 'cosine' ? 0.5 * plan.learningRate * (1 + Math.cos((Math.PI * step) / steps)) : plan.learningRate;
}

export function stepCount(plan: TrainingPlan): number {
  return plan.kindOfStep.length;
}

/** The segments of step s as views into plan.rows. */
export function stepSegments(plan: TrainingPlan, step: number): Int32Array[] {
  const out: Int32Array[] = [];
  for (let g = plan.segmentStart[step]; g < plan.segmentStart[step + 1]; g++) out.push(plan.rows.subarray(plan.rowStart[g], plan.rowStart[g + 1]));
  return out;
}

/** Number of rows step s touches (per model). */
export function stepRows(plan: TrainingPlan, step: number): number {
  return plan.rowStart[plan.segmentStart[step + 1]] - plan.rowStart[plan.segmentStart[step]];
}

/** Builds a plan step by step: `step(kind, ...segments)`. */
export class PlanBuilder {
  private readonly segments: Int32Array[] = [];
  private readonly segmentStart: number[] = [0];
  private readonly kindOfStep: number[] = [];

  constructor(private readonly kinds: LossTerm[][]) {}

  step(kind: number, ...segments: Int32Array[]): this {
    if (!(kind >= 0 && kind < this.kinds.length)) throw new Error(`plan: step kind ${kind} is not one of ${this.kinds.length}`);
    this.segments.push(...segments);
    this.segmentStart.push(this.segments.length);
    this.kindOfStep.push(kind);
    return this;
  }

  build(rest: Omit<TrainingPlan, 'rows' | 'rowStart' | 'segmentStart' | 'kindOfStep' | 'kinds'>): TrainingPlan {
    const rowStart = new Int32Array(this.segments.length + 1);
    this.segments.forEach((s, g) => (rowStart[g + 1] = rowStart[g] + s.length));
    const rows = new Int32Array(rowStart[this.segments.length]);
    this.segments.forEach((s, g) => rows.set(s, rowStart[g]));
    return { ...rest, rows, rowStart, segmentStart: Int32Array.from(this.segmentStart), kindOfStep: Uint8Array.from(this.kindOfStep), kinds: this.kinds };
  }
}

/** The plan as one worker sees it: per-model tables cut to models [first, first + count). */
export function planForModels(plan: TrainingPlan, first: number, count: number, pool: number, classes: number): TrainingPlan {
  const cut = <T extends Int32Array | Float32Array>(values: T, per: number): T => values.slice(first * per, (first + count) * per) as T;
  return {
    ...plan,
    labels: plan.labels.perModel ? { perModel: true, values: cut(plan.labels.values, pool) } : plan.labels,
    exampleWeights: plan.exampleWeights ? cut(plan.exampleWeights, pool) : null,
    targets: plan.targets?.perModel ? { ...plan.targets, values: cut(plan.targets.values, plan.targets.rows.length * classes) } : plan.targets,
    gradient: plan.gradient && {
      ...plan.gradient,
      mask: plan.gradient.mask && { perModel: plan.gradient.mask.perModel, values: cut(plan.gradient.mask.values, plan.gradient.mask.perModel) },
      firstModel: plan.gradient.firstModel + first,
    },
  };
}

/** Merges the reports of consecutive model ranges (in model order) into one. */
export function mergeReports(parts: PlanReport[]): PlanReport {
  const cat = <T extends Float64Array | Int32Array | Uint8Array>(make: (n: number) => T, pick: (r: PlanReport) => T): T => {
    const out = make(parts.reduce((a, r) => a + pick(r).length, 0));
    let o = 0;
    for (const r of parts) {
      out.set(pick(r) as never, o);
      o += pick(r).length;
    }
    return out;
  };
  return {
    steps: Math.max(0, ...parts.map((r) => r.steps)),
    examples: parts.reduce((a, r) => a + r.examples, 0),
    seconds: Math.max(0, ...parts.map((r) => r.seconds)),
    lastLoss: cat((n) => new Float64Array(n), (r) => r.lastLoss),
    divergedAt: cat((n) => new Int32Array(n), (r) => r.divergedAt),
    finite: cat((n) => new Uint8Array(n), (r) => r.finite),
  };
}
