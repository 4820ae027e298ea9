import { describe, expect, it } from 'vitest';
import { tf } from '../tf';
import '@tensorflow/tfjs-backend-cpu';
import './matmul';

/** The replacement gradient must equal the analytic one for every transpose combination. */
describe('transpose-free BatchMatMul gradient', () => {
  const cases: [boolean, boolean][] = [
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ];
  for (const [ta, tb] of cases) {
    it(`matches finite differences (transposeA=${ta}, transposeB=${tb}), 2-D and 3-D`, async () => {
      await tf.setBackend('cpu');
      for (const batched of [false, true]) {
        const shapeA = ta ? [3, 4] : [4, 3];
        const shapeB = tb ? [5, 3] : [3, 5];
        const a = tf.randomNormal(batched ? [2, ...shapeA] : shapeA, 0, 1, 'float32', 1);
        const b = tf.randomNormal(batched ? [2, ...shapeB] : shapeB, 0, 1, 'float32', 2);
        const w = tf.randomNormal(batched ? [2, 4, 5] : [4, 5], 0, 1, 'float32', 3);
        const f = (x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(tf.matMul(x as tf.Tensor3D, y as tf.Tensor3D, ta, tb), w));
        const [ga, gb] = tf.grads(f)([a, b]);
        // analytic: d/dA sum(W ∘ op(A)op(B)) = W op(B)ᵀ (then transposed back if A was transposed)
        const opB = tb ? tf.transpose(b, batched ? [0, 2, 1] : [1, 0]) : b;
        const opA = ta ? tf.transpose(a, batched ? [0, 2, 1] : [1, 0]) : a;
        let expA = tf.matMul(w as tf.Tensor3D, opB as tf.Tensor3D, false, true) as tf.Tensor;
        let expB = tf.matMul(opA as tf.Tensor3D, w as tf.Tensor3D, true, false) as tf.Tensor;
        if (ta) expA = tf.transpose(expA, batched ? [0, 2, 1] : [1, 0]);
        if (tb) expB = tf.transpose(expB, batched ? [0, 2, 1] : [1, 0]);
        expect(Array.from(await ga.data())).toEqual(Array.from(await expA.data()).map((v) => expect.closeTo(v, 5)));
        expect(Array.from(await gb.data())).toEqual(Array.from(await expB.data()).map((v) => expect.closeTo(v, 5)));
      }
    });
  }
});
