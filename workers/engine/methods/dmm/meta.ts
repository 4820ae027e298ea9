import { z } from 'zod';
import type { MethodMeta } from '../types';
import { epochs, estimator, matchingFields, matchingHelp, retainMultiplier } from '../shared/param-fields';

/**
 * OM's recipe, re-tuned for predicted targets, which are only as good as the attribution
 * (more fine-tuning cannot beat them) and for DMM's budget (≤ 10% of Retrain, the target
 * prediction included): 4 epochs over 3 retain points per forget point instead of 10 and 10.
 * Measured with group Newton, N = 32, CIFAR-10 subset (forget KLoM p95 / cost × Retrain):
 * random forget 4.01 / 0.147 with 6 and 5 → 3.79 / 0.080; mislabeled 4.46 / 0.119 → 4.24 / 0.085.
 */
export const dmmParams = z.object({
  ...matchingFields,
  epochs: epochs(4, 40),
  retainMultiplier: retainMultiplier(3),
  estimator: estimator(),
  /**
   * 'ensemble': every model matches the ensemble's predicted oracle output (the mean original
   * output minus the predicted removal effect), as OM matches the oracles' mean and as the
   * paper's datamodels predict the expected output over training runs. 'per-model': each
   * model matches its own logits minus the effect.
   */
  targets: z.enum(['ensemble', 'per-model']).default('per-model'),
  /**
   * Where the fine-tune starts when the estimator predicts the oracles as models (group
   * Newton): from those models, matching them on F and the originals on the retain sample
   * (whose outputs removing F barely moves), which repairs the step's side effects. Other
   * estimators only predict outputs, so DMM starts from the originals.
   */
  start: z.enum(['originals', 'prediction']).default('prediction'),
});

/** Datamodel matching (Georgiev et al. 2024): OM with the oracle replaced by its prediction. */
export const dmmMeta: MethodMeta<typeof dmmParams> = {
  id: 'dmm',
  label: 'Datamodel matching (DMM)',
  explanation: 'Predicts what a retrained model would output from data attribution, then fine-tunes the model to match it.',
  params: dmmParams,
  paramHelp: {
    ...matchingHelp,
    estimator: 'What predicts the retrained models: group Newton (a step on the retained data’s curvature; sees a coherent group as a group), regression datamodels, or TRAK-style gradients.',
    targets: 'Match the ensemble’s predicted oracle output (shared, like OM) or each model’s own prediction.',
    start: 'Start from the originals, or (group Newton) from the predicted retrained models.',
  },
  needs: ['datamodels'],
};
