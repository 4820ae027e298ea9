import { tf } from '../tf';

/**
 * Per-model, per-example cross-entropy for ensemble logits [N,B,C] and labels [B]
 * (shared) or [N,B] (per model). Returns [N,B].
 */
export function crossEntropyPerExample(logits: tf.Tensor3D, labels: tf.Tensor1D | tf.Tensor2D, classes: number): tf.Tensor2D {
  return tf.tidy(() => {
    const oneHot = tf.oneHot(labels as tf.Tensor1D, classes).toFloat(); // [B,C] or [N,B,C]
    return tf.neg(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)), -1)) as tf.Tensor2D;
  });
}

/**
 * Mean of per-example values [N,B] over each model's active examples, summed over models.
 * Summing across models keeps each model's gradient equal to its own mean loss's.
 * `weights` [N,B] (0/1 masks for subset models) or null for all-active.
 */
export function ensembleMean(values: tf.Tensor2D, weights: tf.Tensor2D | null): tf.Scalar {
  return tf.tidy(() => {
    if (!weights) return tf.sum(tf.mean(values, 1));
    const perModel = tf.div(tf.sum(tf.mul(values, weights), 1), tf.maximum(tf.sum(weights, 1), 1));
    return tf.sum(perModel);
  });
}

/**
 * Distillation KL(teacher ‖ student) per model and example, [N,B], at temperature T and
 * scaled by T² (Hinton et al.), as SCRUB's DistillKL: the direction puts the teacher's
 * probabilities first, i.e. Σ_c p_t (log p_t − log p_s).
 */
export function distillKl(teacher: tf.Tensor3D, student: tf.Tensor3D, temperature: number): tf.Tensor2D {
  return tf.tidy(() => {
    const logPt = tf.logSoftmax(tf.div(teacher, temperature));
    const logPs = tf.logSoftmax(tf.div(student, temperature));
    const kl = tf.sum(tf.mul(tf.exp(logPt), tf.sub(logPt, logPs)), -1);
    return tf.mul(kl, temperature * temperature) as tf.Tensor2D;
  });
}
