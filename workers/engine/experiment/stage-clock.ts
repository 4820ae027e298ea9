import type { Progress } from '../train/progress';

/** Progress of a whole experiment: the current stage and where it sits among all stages. */
export interface ExperimentProgress extends Progress {
  stageIndex: number;
  stageCount: number;
}

/**
 * The stages of one run, in order: names them in progress reports (with the stage's
 * position among all of them) and times each one into `timings`.
 */
export class StageClock {
  readonly timings: Record<string, number> = {};
  private index = 0;

  constructor(
    readonly stages: string[],
    private readonly onProgress?: (p: ExperimentProgress) => void,
  ) {}

  /** A progress callback for `stage` (prefixed onto the inner stage's own label). */
  progressFor(stage: string): (p: Progress) => void {
    return (p) =>
      this.onProgress?.({ ...p, stage: p.stage.startsWith(stage) ? p.stage : `${stage}: ${p.stage}`, stageIndex: this.index, stageCount: this.stages.length });
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

  /** Moves on without timing (a stage that was skipped). */
  skip(): void {
    this.index++;
  }
}
