import { argmax } from '../util/logits';
import type { MarginMatrix } from './margin-matrix';

/**
 * Accuracy of each model of an ensemble on one group of points (algorithms.md:
 * "Accuracy of each model on F, R, V"), and the mean over models.
 *
 * Two rules, recorded in the result so that a chart never mixes them:
 * - `'argmax'`: the usual accuracy, prediction = first index of the largest logit.
 * - `'margin-positive'`: margin > 0. Since margin = log(p_y / (1 − p_y)), this means
 *   p_y > ½, which implies argmax = y but not conversely when there are more than two
 *   classes (logits [1, 0.9, 0.9] are argmax-correct with p_y ≈ 0.36). It is therefore a
 *   lower bound on argmax accuracy, equal to it only for two classes; use it only when
 *   the logits are gone and only margins were kept.
 */
export type AccuracyRule = 'argmax' | 'margin-positive';

export interface AccuracyResult {
  /** Accuracy of each model, in model order. */
  perModel: number[];
  /** Mean of `perModel`. */
  mean: number;
  rule: AccuracyRule;
}

/** 1 where argmax of the logits equals the label, for one model's logits (points × classes). */
export function correctFromLogits(
  logits: Float32Array,
  numPoints: number,
  numClasses: number,
  labels: ArrayLike<number>,
): Uint8Array {
  if (logits.length !== numPoints * numClasses) {
    throw new RangeError(`correctFromLogits: ${logits.length} logits for ${numPoints}×${numClasses}`);
  }
  if (labels.length !== numPoints) throw new RangeError('correctFromLogits: one label per point');
  const out = new Uint8Array(numPoints);
  for (let i = 0; i < numPoints; i++) {
    out[i] = argmax(logits, i * numClasses, numClasses) === labels[i] ? 1 : 0;
  }
  return out;
}

function fromRows(models: number, points: number, isCorrect: (k: number) => boolean, rule: AccuracyRule): AccuracyResult {
  if (points === 0) throw new RangeError('accuracy: no points');
  if (models === 0) throw new RangeError('accuracy: no models');
  const perModel: number[] = [];
  for (let m = 0; m < models; m++) {
    let c = 0;
    for (let p = 0; p < points; p++) if (isCorrect(m * points + p)) c++;
    perModel.push(c / points);
  }
  return { perModel, mean: perModel.reduce((a, b) => a + b, 0) / models, rule };
}

/** Argmax accuracy from 0/1 correctness flags laid out like a MarginMatrix (models × points). */
export function accuracyFromCorrect(correct: Uint8Array, models: number, points: number): AccuracyResult {
  if (correct.length !== models * points) throw new RangeError(`accuracyFromCorrect: ${correct.length} flags for ${models}×${points}`);
  return fromRows(models, points, (k) => correct[k] !== 0, 'argmax');
}

/** The margin > 0 (p_y > ½) rule; see the file comment for how it differs from argmax. */
export function accuracyFromMargins(m: MarginMatrix): AccuracyResult {
  return fromRows(m.models, m.points, (k) => m.values[k] > 0, 'margin-positive');
}
