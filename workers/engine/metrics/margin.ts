/**
 * The margin, the one model output every metric looks at (algorithms.md, "Margin"):
 *
 *     margin(z, y) = z_y − log Σ_{j≠y} exp(z_j)
 *
 * computed with a log-sum-exp shifted by the largest competing logit, so it is exact for
 * logits of any size. Since p_y = e^{z_y} / (e^{z_y} + Σ_{j≠y} e^{z_j}), the margin equals
 * log(p_y / (1 − p_y)), LiRA's logit-scaled confidence, hence the alias below.
 */

/** Margin of the logits stored at `logits[offset .. offset + numClasses)`. */
export function marginAt(logits: ArrayLike<number>, offset: number, numClasses: number, label: number): number {
  if (numClasses < 2) throw new RangeError('margin: needs at least two classes');
  if (!Number.isInteger(label) || label < 0 || label >= numClasses) {
    throw new RangeError(`margin: label ${label} outside [0, ${numClasses})`);
  }
  let max = -Infinity;
  for (let j = 0; j < numClasses; j++) {
    if (j !== label && logits[offset + j] > max) max = logits[offset + j];
  }
  const zy = logits[offset + label];
  if (max === -Infinity) return Number.isNaN(zy) ? NaN : Infinity; // every competitor has probability 0
  if (max === Infinity) return -Infinity;
  let sum = 0;
  for (let j = 0; j < numClasses; j++) {
    if (j !== label) sum += Math.exp(logits[offset + j] - max);
  }
  return zy - (max + Math.log(sum));
}

/** Margin of one logit vector for true label `label`. */
export function margin(logits: ArrayLike<number>, label: number): number {
  return marginAt(logits, 0, logits.length, label);
}

/**
 * Margins of one model on `numPoints` points, from logits stored row-major
 * (`logits[point * numClasses + class]`).
 */
export function marginsFromLogits(
  logits: Float32Array,
  numPoints: number,
  numClasses: number,
  labels: ArrayLike<number>,
): Float32Array {
  if (logits.length !== numPoints * numClasses) {
    throw new RangeError(`marginsFromLogits: ${logits.length} logits for ${numPoints}×${numClasses}`);
  }
  if (labels.length !== numPoints) throw new RangeError(`marginsFromLogits: ${labels.length} labels for ${numPoints} points`);
  const out = new Float32Array(numPoints);
  for (let i = 0; i < numPoints; i++) out[i] = marginAt(logits, i * numClasses, numClasses, labels[i]);
  return out;
}

/** log(p_y / (1 − p_y)), the confidence LiRA and the NeurIPS 2023 score use: the margin itself. */
export const logitScaledConfidence = margin;

/** Per-point logit-scaled confidences of one model: the margins. */
export const logitScaledConfidencesFromLogits = marginsFromLogits;

/**
 * Cross-entropy −log p_y recovered exactly from the margin: p_y = σ(margin), so
 * CE = softplus(−margin), evaluated stably as max(−m, 0) + log1p(e^{−|m|}).
 */
export function crossEntropyFromMargin(m: number): number {
  if (m === Infinity) return 0;
  if (m === -Infinity) return Infinity;
  return Math.max(-m, 0) + Math.log1p(Math.exp(-Math.abs(m)));
}
