import { deriveSeed, Rng } from '../util/rng';
import { clipLoss } from './clip';
import { fitLogistic, predictClass } from './logistic-regression';

/**
 * Population membership inference, the NeurIPS 2023 starting kit's "simple MIA"
 * (algorithms.md, "Evaluation"): a logistic regression on the per-example loss that tries
 * to tell forget points (members, label 1) from validation points (non-members, label 0),
 * scored by cross-validated accuracy. Perfect unlearning (Retrain) gives ≈ 0.5. It is the
 * common weak test: one threshold on the loss for the whole population, one model.
 *
 * Choices:
 * - Losses are per-example cross-entropies (exactly softplus(−margin), see ./margin.ts),
 *   clamped to [0, 100] with NaN → 100 (./clip.ts).
 * - Balance, `'per-class'` (default): for every label c, keep min(#forget with c,
 *   #validation with c) points of each group, drawn at random. Members and non-members
 *   are then equal in number and in class mix, so the attack cannot score by learning
 *   that, say, the forget set is one hard class. `'groups'` reproduces the starting kit
 *   instead: subsample the larger group to the size of the smaller, ignoring labels.
 * - Stratified k-fold (k = 5): members and non-members are each shuffled and dealt
 *   round-robin into the folds; each fold is scored once by a model fitted on the others.
 *   The reported accuracy is the mean of the fold accuracies, as `cross_val_score(...).mean()`.
 * - The attack model is ./logistic-regression.ts (scikit-learn's defaults, standardised).
 * - Every random draw comes from `deriveSeed(seed, 'population-mia')`: same inputs and
 *   seed, same result.
 */
export type PopulationMiaBalance = 'per-class' | 'groups';
export const POPULATION_MIA_FOLDS = 5;

export interface PopulationMiaOk {
  status: 'ok';
  /** Mean cross-validated accuracy; 0.5 = members and non-members look alike. */
  accuracy: number;
  foldAccuracies: number[];
  /** Members (forget points) used after balancing; non-members used are as many. */
  members: number;
  balance: PopulationMiaBalance;
}

export interface PopulationMiaNotEnoughData {
  status: 'not-enough-data';
  /** Members available after balancing, and the minimum (one per fold). */
  members: number;
  required: number;
}

export type PopulationMiaResult = PopulationMiaOk | PopulationMiaNotEnoughData;

export interface PopulationMiaOptions {
  folds?: number;
  balance?: PopulationMiaBalance;
}

/** Indices of the balanced member and non-member sets (equal lengths). */
export function balancedIndices(
  forgetLabels: ArrayLike<number>,
  validationLabels: ArrayLike<number>,
  balance: PopulationMiaBalance,
  rng: Rng,
): { members: number[]; nonMembers: number[] } {
  if (balance === 'groups') {
    const k = Math.min(forgetLabels.length, validationLabels.length);
    return {
      members: Array.from(rng.sample(forgetLabels.length, k)),
      nonMembers: Array.from(rng.sample(validationLabels.length, k)),
    };
  }
  const byClass = (labels: ArrayLike<number>) => {
    const map = new Map<number, number[]>();
    for (let i = 0; i < labels.length; i++) {
      const list = map.get(labels[i]);
      if (list) list.push(i);
      else map.set(labels[i], [i]);
    }
    return map;
  };
  const f = byClass(forgetLabels);
  const v = byClass(validationLabels);
  const members: number[] = [];
  const nonMembers: number[] = [];
  for (const c of [...f.keys()].sort((a, b) => a - b)) {
    const fc = f.get(c)!;
    const vc = v.get(c) ?? [];
    const k = Math.min(fc.length, vc.length);
    for (const j of rng.sample(fc.length, k)) members.push(fc[j]);
    for (const j of rng.sample(vc.length, k)) nonMembers.push(vc[j]);
  }
  return { members, nonMembers };
}

/** Cross-validated accuracy of a loss-threshold (logistic) attack, forget vs validation. */
export function populationMia(
  forgetLosses: ArrayLike<number>,
  validationLosses: ArrayLike<number>,
  forgetLabels: ArrayLike<number>,
  validationLabels: ArrayLike<number>,
  seed: number,
  options: PopulationMiaOptions = {},
): PopulationMiaResult {
  if (forgetLosses.length !== forgetLabels.length || validationLosses.length !== validationLabels.length) {
    throw new RangeError('populationMia: losses and labels differ in length');
  }
  const folds = options.folds ?? POPULATION_MIA_FOLDS;
  const balance = options.balance ?? 'per-class';
  const rng = new Rng(deriveSeed(seed, 'population-mia'));
  const { members, nonMembers } = balancedIndices(forgetLabels, validationLabels, balance, rng);
  if (members.length < folds) return { status: 'not-enough-data', members: members.length, required: folds };

  const memberLoss = rng.shuffle(members.map((i) => clipLoss(forgetLosses[i])));
  const nonMemberLoss = rng.shuffle(nonMembers.map((i) => clipLoss(validationLosses[i])));
  const foldAccuracies: number[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const trainX: number[] = [];
    const trainY: number[] = [];
    const testX: number[] = [];
    const testY: number[] = [];
    const deal = (losses: number[], label: 0 | 1) =>
      losses.forEach((loss, i) => {
        const inTest = i % folds === fold;
        (inTest ? testX : trainX).push(loss);
        (inTest ? testY : trainY).push(label);
      });
    deal(memberLoss, 1);
    deal(nonMemberLoss, 0);
    const model = fitLogistic(trainX, Uint8Array.from(trainY));
    let correct = 0;
    testX.forEach((x, i) => {
      if (predictClass(model, x) === testY[i]) correct++;
    });
    foldAccuracies.push(correct / testX.length);
  }
  const accuracy = foldAccuracies.reduce((a, b) => a + b, 0) / folds;
  return { status: 'ok', accuracy, foldAccuracies, members: members.length, balance };
}
