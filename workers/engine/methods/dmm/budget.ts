/**
 * DMM's cost budget. The target is ≤ 10% of Retrain, the group Newton step included;
 * the fine-tune is the part that grows with the forget set. So the fine-tune may touch at most
 * `share` of the examples Retrain trains on (its epochs × |R|, per model).
 *
 * The recipe (4 epochs, 6 copies of F, 1 retain point per forget point) was set on forget sets
 * of 100 points, where it uses 3.7% of Retrain's examples. Its examples grow with |F|: a whole
 * class (500 points) took 19%, measured 0.28× Retrain's seconds. Over the budget the copies of F
 * go first, down to one, because a large F already gives many gradient steps per pass; then
 * the epochs, down to one. One epoch with one copy is the floor: a forget set so large that even
 * that exceeds the budget is run anyway, and the note says so.
 */
export interface MatchingRecipe {
  epochs: number;
  forgetMultiplier: number;
  retainMultiplier: number;
}

export interface FittedRecipe {
  epochs: number;
  forgetMultiplier: number;
  /** What changed and why, for the method's notes; null when the recipe fits as it is. */
  note: string | null;
}

export function fitMatchingToBudget(recipe: MatchingRecipe, forget: number, retain: number, retrainExamples: number, share: number): FittedRecipe {
  const { epochs, forgetMultiplier } = recipe;
  const retainSample = Math.min(retain, Math.round(recipe.retainMultiplier * forget));
  const perEpoch = (copies: number) => copies * forget + retainSample;
  const budget = share * retrainExamples;
  if (forget === 0 || epochs * perEpoch(forgetMultiplier) <= budget) return { epochs, forgetMultiplier, note: null };
  const copies = Math.min(forgetMultiplier, Math.max(1, Math.floor((budget / epochs - retainSample) / forget)));
  const fittedEpochs = epochs * perEpoch(copies) <= budget ? epochs : Math.max(1, Math.floor(budget / perEpoch(1)));
  const used = (fittedEpochs * perEpoch(copies)) / retrainExamples;
  const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
  const note =
    `The fine-tune is held to ${pct(share)} of Retrain's training examples (DMM's budget): with ${forget} forget points, ` +
    `each forget point ${copies}× over ${fittedEpochs} epoch${fittedEpochs === 1 ? '' : 's'} instead of ${forgetMultiplier}× over ${epochs}` +
    (used > share ? `, still ${pct(used)}: the forget set is too large for the budget.` : '.');
  return { epochs: fittedEpochs, forgetMultiplier: copies, note };
}
