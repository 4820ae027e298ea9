import { tf } from '../tf';
import type { Ensemble } from '../models/ensemble';
import { throwIfAborted } from './errors';
import { eta, throttled, type ProgressFn } from './progress';

/**
 * Optimizer constants, all explicit: tfjs's adam() picks up the backend's float epsilon
 * (1e-4 on webgl) unless given one, which would make backends disagree (platform.md).
 */
export const ADAM = { beta1: 0.9, beta2: 0.999, epsilon: 1e-7 } as const;

export type LrSchedule = 'constant' | 'cosine';

export interface OptimizeOptions {
  ensemble: Ensemble;
  steps: number;
  learningRate: number;
  schedule: LrSchedule;
  /** Examples each step touches (for throughput and cost accounting). */
  examplesPerStep: (step: number) => number;
  /** The scalar loss of one step; called inside the optimizer's tidy. */
  lossAt: (step: number) => tf.Scalar;
  stage: string;
  onProgress?: ProgressFn;
  signal?: AbortSignal;
  /** Awaited after each step (e.g. an end-of-epoch evaluation); its time counts. */
  afterStep?: (step: number) => Promise<void> | void;
  /** Ascent-style losses can run away; stop when |loss| exceeds this (still reported as diverged). */
  lossLimit?: number;
}

export interface OptimizeResult {
  steps: number;
  examples: number;
  seconds: number;
  lastLoss: number;
  /** Loss became NaN/Inf (or exceeded lossLimit): the weights are not trustworthy. */
  diverged: boolean;
}

/** How often (in steps) the loss is read back: reading forces a GPU sync. */
const CHECK_EVERY = 8;

export async function optimize(o: OptimizeOptions): Promise<OptimizeResult> {
  const optimizer = tf.train.adam(o.learningRate, ADAM.beta1, ADAM.beta2, ADAM.epsilon);
  // AdamOptimizer reads `learningRate` at every applyGradients; a schedule just sets it.
  const setLr = (lr: number) => ((optimizer as unknown as { learningRate: number }).learningRate = lr);
  const report = throttled(o.onProgress);
  const start = performance.now();
  let examples = 0;
  let lastLoss = NaN;
  let diverged = false;
  let step = 0;
  try {
    for (; step < o.steps; step++) {
      throwIfAborted(o.signal);
      if (o.schedule === 'cosine') setLr(0.5 * o.learningRate * (1 + Math.cos((Math.PI * step) / o.steps)));
      const loss = optimizer.minimize(() => o.lossAt(step), true, o.ensemble.variables);
      examples += o.examplesPerStep(step);
      const check = step % CHECK_EVERY === CHECK_EVERY - 1 || step === o.steps - 1;
      if (loss && check) {
        lastLoss = (await loss.data())[0];
      }
      loss?.dispose();
      if (check) {
        if (!Number.isFinite(lastLoss) || (o.lossLimit !== undefined && Math.abs(lastLoss) > o.lossLimit)) {
          diverged = true;
          step++;
          break;
        }
        const elapsed = (performance.now() - start) / 1000;
        report({
          stage: o.stage,
          done: step + 1,
          total: o.steps,
          loss: lastLoss,
          examplesPerSecond: examples / Math.max(elapsed, 1e-9),
          secondsLeft: eta(elapsed, step + 1, o.steps),
        });
        // Let messages (cancel, progress) through in workers and Node.
        await new Promise((r) => setTimeout(r, 0));
      }
      await o.afterStep?.(step);
    }
  } finally {
    optimizer.dispose();
  }
  return { steps: step, examples, seconds: (performance.now() - start) / 1000, lastLoss, diverged };
}
