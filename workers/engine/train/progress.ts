/** What every long step reports; the page throttles redraws, the CLI draws a bar. */
export interface Progress {
  /** Human-readable stage, e.g. "Originals (8 models)". */
  stage: string;
  done: number;
  total: number;
  /** Latest training loss, when the stage trains. */
  loss?: number;
  /** Latest minibatch accuracy, when known. */
  accuracy?: number;
  examplesPerSecond?: number;
  /** Estimated seconds left in this stage (null until there is a rate to go by). */
  secondsLeft: number | null;
}

export type ProgressFn = (p: Progress) => void;

/** Calls `fn` at most every `intervalMs` (plus always on the last step). */
export function throttled(fn: ProgressFn | undefined, intervalMs = 200): ProgressFn {
  let last = 0;
  return (p) => {
    if (!fn) return;
    const now = performance.now();
    if (p.done >= p.total || now - last >= intervalMs) {
      last = now;
      fn(p);
    }
  };
}

/** Seconds left from elapsed time and fraction done; null before the first tenth of a second. */
export function eta(elapsedSeconds: number, done: number, total: number): number | null {
  if (done <= 0 || elapsedSeconds < 0.1) return null;
  return (elapsedSeconds / done) * Math.max(0, total - done);
}
