import { tf } from '../tf';

/**
 * `a · b` for 2-D or batched 3-D operands, with a gradient that never asks the backend
 * for a transposed matmul.
 *
 * Why: tfjs-backend-wasm's BatchMatMul is fast (XNNPACK) only without transpose flags.
 * Measured in Node, [128×512]ᵀ·[128×2048]: transposeA 1,025 ms vs explicit transpose +
 * plain matmul 46 ms; [128×2048]·[512×2048]ᵀ: transposeB 188 ms vs 29 ms. The default
 * gradient of matMul uses those flags, which made one MLP-ensemble step 20× slower.
 */
export const matMulFast = tf.customGrad(((a: tf.Tensor, b: tf.Tensor, save: tf.GradSaveFunc) => {
  save([a, b]);
  const rank = a.rank;
  const perm = rank === 2 ? [1, 0] : [0, 2, 1];
  return {
    value: tf.matMul(a as tf.Tensor3D, b as tf.Tensor3D),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sa, sb] = saved;
      return [
        tf.matMul(dy as tf.Tensor3D, tf.transpose(sb, perm) as tf.Tensor3D),
        tf.matMul(tf.transpose(sa, perm) as tf.Tensor3D, dy as tf.Tensor3D),
      ];
    },
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as <T extends tf.Tensor>(a: T, b: tf.Tensor) => T;
