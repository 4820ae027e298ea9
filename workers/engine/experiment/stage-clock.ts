import type { Progress } from '../train/progress';

/** Progress of a whole experiment: the current stage and where it sits among all stages. */
export interface ExperimentProgress extends Progress {
  stageIndex: number;
  stageCount: number;
  /** Fraction of the whole run done (stages weighted by their expected cost), 0…1. */
  overall: number;
  /** Seconds left in the whole run, from the time so far and `overall`; null until it means something. */
  totalSecondsLeft: number | null;
}

/**
 * The stages of one run, in order: names them in progress reports (with the stage's
 * position among all of them) and times each one into `timings`.
 */
export class StageClock {
  readonly timings: Record<string, number> = {};
  private index = 0;
  private readonly start = performance.now();
  private readonly weights: number[];

  /**
   * `weights`: each stage's expected share of the run (training an ensemble is 1), so the
   * total time left is not thrown off by a run of quick method stages after slow ones.
   */
  constructor(
    readonly stages: string[],
    private readonly onProgress?: (p: ExperimentProgress) => void,
    weights?: number[],
  ) {
    this.weights = stages.map((_, i) => weights?.[i] ?? 1);
  }

  /** A progress callback for `stage` (prefixed onto the inner stage's own label). */
  progressFor(stage: string): (p: Progress) => void {
    return (p) => {
      const total = this.weights.reduce((a, b) => a + b, 0) || 1;
      const before = this.weights.slice(0, this.index).reduce((a, b) => a + b, 0);
      const within = p.total > 0 ? Math.min(1, p.done / p.total) : 0;
      const overall = Math.min(1, (before + (this.weights[this.index] ?? 0) * within) / total);
      const elapsed = (performance.now() - this.start) / 1000;
      this.onProgress?.({
        ...p,
        stage: p.stage.startsWith(stage) ? p.stage : `${stage}: ${p.stage}`,
        stageIndex: this.index,
        stageCount: this.stages.length,
        overall,
        totalSecondsLeft: overall > 0.03 && elapsed > 1 ? (elapsed * (1 - overall)) / overall : null,
      });
    };
  }

  /** Runs one stage, adds its wall time under `name`, and moves on to the next stage. */
  async timed<T>(name: string, f: () => Promise<T>): Promise<T> {
    const t = performance.now();
    try {
      return await f();
    } finally {
      this.timings[name] = (this.timings[name] ?? 0) + (performance.now() - t) / 1000;
      this.index++;
    }
  }

  /** Adds `f`'s wall time under `name` without moving on: work inside stages, such as evaluation. */
  async within<T>(name: string, f: () => Promise<T> | T): Promise<T> {
    const t = performance.now();
    try {
      return await f();
    } finally {
      this.timings[name] = (this.timings[name] ?? 0) + (performance.now() - t) / 1000;
    }
  }

  /** Moves on without timing (a stage that was skipped). */
  skip(): void {
    this.index++;
  }
}
