import { tf } from '../../tf';

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
