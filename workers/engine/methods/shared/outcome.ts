import { tf } from '../../tf';
import type { Ensemble } from '../../models/ensemble';
import type { OptimizeResult } from '../../train/optimize';
import type { MethodCost, MethodOutput } from '../types';

/**
 * Per-model loss beyond which a run is called diverged (optimize's `lossLimit` is this
 * times the ensemble size, because the optimised loss sums the models' means).
 *
 * Cross-entropy, in nats: an oracle's loss on unseen points is ~1.5–2.5 on 10 classes
 * and uniform guessing is ln 10 ≈ 2.3, so a mean of 30 (p_y ≈ 1e-13 on average) is no
 * longer "forgetting" but a wrecked model. Ascent losses (GA, GD, SCRUB's max steps)
 * reach it in a few steps once they run away; descent losses only with a bad step size.
 */
export const RUNAWAY_CROSS_ENTROPY = 30;

/** Mean squared logit error per model: matched targets are O(10), so 1e4 is a blow-up. */
export const RUNAWAY_SQUARED_ERROR = 1e4;

export const ZERO_COST: MethodCost = { seconds: 0, steps: 0, examples: 0 };

export function costOf(run: OptimizeResult, extraSeconds = 0): MethodCost {
  return { seconds: run.seconds + extraSeconds, steps: run.steps, examples: run.examples };
}

/**
 * True when every weight is finite. The loss is only read every few steps, so a NaN in
 * the weights can slip past optimize's check on the last steps; this is the final word.
 */
export async function weightsFinite(ensemble: Ensemble): Promise<boolean> {
  const flag = tf.tidy(() => tf.all(tf.stack(ensemble.variables.map((v) => tf.all(tf.isFinite(v))))));
  const ok = (await flag.data())[0] === 1;
  flag.dispose();
  return ok;
}

/** The method's output after one optimisation run, with the divergence verdict and notes. */
export async function outputFromRun(
  ensemble: Ensemble,
  run: OptimizeResult,
  notes: string[] = [],
  extraSeconds = 0,
): Promise<MethodOutput> {
  const finite = await weightsFinite(ensemble);
  const out = [...notes];
  if (run.diverged) {
    out.push(
      `Stopped at step ${run.steps}: the loss ran away (${formatLoss(run.lastLoss)}). ` +
        'The weights are not trustworthy; lower the learning rate or the number of epochs.',
    );
  } else if (!finite) {
    out.push('The weights became NaN or infinite on the last steps; lower the learning rate.');
  }
  return { ensemble, cost: costOf(run, extraSeconds), diverged: run.diverged || !finite, notes: out };
}

function formatLoss(loss: number): string {
  return Number.isFinite(loss) ? `loss ${loss.toPrecision(3)}` : `loss ${String(loss)}`;
}
