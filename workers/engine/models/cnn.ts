import { tf } from '../tf';

/**
 * `cnn-s` (algorithms.md): conv3×3(16)-ReLU-maxpool2 → conv3×3(32)-ReLU-maxpool2 →
 * conv3×3(64)-ReLU → global average pool → dense(10). 24,234 parameters for 10 classes.
 */
export function buildCnnLayout(classes: number): { shape: number[]; fanIn: number; gain: number }[] {
  return [
    { shape: [3, 3, 3, 16], fanIn: 27, gain: 2 },
    { shape: [16], fanIn: 1, gain: 0 },
    { shape: [3, 3, 16, 32], fanIn: 144, gain: 2 },
    { shape: [32], fanIn: 1, gain: 0 },
    { shape: [3, 3, 32, 64], fanIn: 288, gain: 2 },
    { shape: [64], fanIn: 1, gain: 0 },
    { shape: [64, classes], fanIn: 64, gain: 1 },
    { shape: [classes], fanIn: 1, gain: 0 },
  ];
}

/** Logits [B, classes] of one CNN given its 8 variables. Call inside tf.tidy. */
export function cnnLogits(x: tf.Tensor4D, v: tf.Variable[]): tf.Tensor2D {
  const [k1, b1, k2, b2, k3, b3, wd, bd] = v;
  let h = tf.relu(tf.add(tf.conv2d(x, k1 as tf.Tensor4D, 1, 'same'), b1)) as tf.Tensor4D;
  h = tf.maxPool(h, 2, 2, 'valid');
  h = tf.relu(tf.add(tf.conv2d(h, k2 as tf.Tensor4D, 1, 'same'), b2)) as tf.Tensor4D;
  h = tf.maxPool(h, 2, 2, 'valid');
  h = tf.relu(tf.add(tf.conv2d(h, k3 as tf.Tensor4D, 1, 'same'), b3)) as tf.Tensor4D;
  const pooled = tf.mean(h, [1, 2]) as tf.Tensor2D;
  return tf.add(tf.matMul(pooled, wd as tf.Tensor2D), bd) as tf.Tensor2D;
}
