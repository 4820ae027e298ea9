import type { Ensemble } from '../../compute/types';
import type { PlanReport } from '../../train/plan';
import type { MethodCost, MethodOutput } from '../types';

/**
 * Per-model loss beyond which a model's run is called diverged and stops (plan.lossLimit).
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

export function costOf(run: PlanReport, extraSeconds = 0): MethodCost {
  return { seconds: run.seconds + extraSeconds, steps: run.steps, examples: run.examples };
}

/**
 * The method's output after one training run, with the divergence verdict and notes. A
 * model that ran away stopped where it was caught; the method is flagged diverged when any
 * model did, or when any weight ended non-finite (the loss is read only every few steps).
 */
export function outputFromRun(ensemble: Ensemble, run: PlanReport, notes: string[] = [], extraSeconds = 0): MethodOutput {
  const out = [...notes];
  const stopped = Array.from(run.divergedAt).map((s, m) => ({ s, m })).filter((x) => x.s >= 0);
  const broken = Array.from(run.finite).filter((f) => !f).length;
  if (stopped.length) {
    const when = [...new Set(stopped.map((x) => x.s))].sort((a, b) => a - b);
    out.push(
      `${stopped.length} of ${ensemble.size} models stopped (at step ${when.slice(0, 3).join(', ')}${when.length > 3 ? ', …' : ''}): the loss ran away ` +
        `(${formatLoss(run.lastLoss[stopped[0].m])}). Their weights are not trustworthy; lower the learning rate or the number of epochs.`,
    );
  } else if (broken) {
    out.push(`The weights of ${broken} of ${ensemble.size} models became NaN or infinite on the last steps; lower the learning rate.`);
  }
  return { ensemble, cost: costOf(run, extraSeconds), diverged: stopped.length > 0 || broken > 0, notes: out };
}

function formatLoss(loss: number): string {
  return Number.isFinite(loss) ? `loss ${loss.toPrecision(3)}` : `loss ${String(loss)}`;
}
