import { eta, throttled, type ProgressFn } from '../train/progress';

/**
 * Turns the loss checks of one run (from one or several threads) into the engine's
 * progress reports: steps done is the slowest part's, the loss the mean of the parts',
 * throughput the total over parts. Throttled like every other progress stream.
 */
export function runProgress(parts: number, stage: string, onProgress?: ProgressFn) {
  const report = throttled(onProgress);
  const start = performance.now();
  const done = new Array<number>(parts).fill(0);
  const loss = new Array<number>(parts).fill(NaN);
  const examples = new Array<number>(parts).fill(0);
  return (part: number, stepsDone: number, total: number, meanLoss: number, seen: number) => {
    done[part] = stepsDone;
    loss[part] = meanLoss;
    examples[part] = seen;
    const slowest = Math.min(...done);
    const elapsed = (performance.now() - start) / 1000;
    const finite = loss.filter(Number.isFinite);
    report({
      stage,
      done: slowest,
      total,
      loss: finite.length ? finite.reduce((a, b) => a + b, 0) / finite.length : NaN,
      examplesPerSecond: examples.reduce((a, b) => a + b, 0) / Math.max(elapsed, 1e-9),
      secondsLeft: eta(elapsed, slowest, total),
    });
  };
}
