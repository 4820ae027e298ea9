import { tf } from '../tf';

/**
 * Replaces tfjs's gradient of BatchMatMul (every tf.matMul) with one that never asks the
 * backend for a transposed matmul.
 *
 * Why: tfjs-backend-wasm's BatchMatMul is fast (XNNPACK) only without transpose flags.
 * Measured in Node, [128×512]ᵀ·[128×2048]: transposeA 1,025 ms vs explicit transpose +
 * plain matmul 46 ms; [128×2048]·[512×2048]ᵀ: transposeB 188 ms vs 29 ms. The stock
 * gradient uses those flags, which made one MLP-ensemble step 20× slower.
 *
 * The gradients stay lazy closures, so tfjs still skips the input gradient of a data
 * matrix that no variable depends on (a customGrad would compute it eagerly).
 * Operands of equal rank only (the engine never broadcasts matmul batch dimensions).
 */
let registered = false;

export function registerFastMatMulGradient(): void {
  if (registered) return;
  registered = true;
  // tfjs warns when a gradient is replaced; this replacement is deliberate.
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!String(args[0]).includes('Overriding the gradient')) warn(...args);
  };
  try {
    register();
  } finally {
    console.warn = warn;
  }
}

function register(): void {
  tf.registerGradient({
    kernelName: 'BatchMatMul',
    inputsToSave: ['a', 'b'],
    gradFunc: (dy, saved, attrs) => {
      const [a, b] = saved;
      const { transposeA, transposeB } = attrs as unknown as { transposeA: boolean; transposeB: boolean };
      if (a.rank !== b.rank) throw new Error('matmul gradient: operands of different rank are not supported');
      const dyT = dy as tf.Tensor3D;
      const perm = a.rank === 2 ? [1, 0] : [0, 2, 1];
      const T = (x: tf.Tensor) => tf.transpose(x, perm) as tf.Tensor3D;
      const mm = (x: tf.Tensor, y: tf.Tensor) => tf.matMul(x as tf.Tensor3D, y as tf.Tensor3D);
      if (!transposeA && !transposeB) return { a: () => mm(dyT, T(b)), b: () => mm(T(a), dyT) };
      if (transposeA && !transposeB) return { a: () => mm(b, T(dyT)), b: () => mm(a, dyT) };
      if (!transposeA && transposeB) return { a: () => mm(dyT, b), b: () => mm(T(dyT), a) };
      return { a: () => mm(T(b), T(dyT)), b: () => mm(T(dyT), T(a)) };
    },
  });
}
registerFastMatMulGradient();
