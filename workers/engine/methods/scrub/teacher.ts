import { tf } from '../../tf';
import type { Ensemble } from '../../models/ensemble';
import { predictLogits } from '../../train/predict';

/**
 * SCRUB's frozen teacher, as a table of its logits rather than a second model.
 *
 * The teacher is the original and never changes, so its logits on the pool rows SCRUB
 * visits (F ∪ R) can be computed once, before the student moves. This makes the
 * published bug (an optimiser that updated the teacher's parameters, so the student
 * never changed) impossible by construction: the teacher has no parameters, only a
 * constant tensor outside every optimiser's variable list. It also saves a teacher
 * forward pass per step (one pass over the pool instead of one per minibatch).
 */
export interface FrozenTeacher {
  /** Teacher logits [N, rows, C]: model m's original logits, rows in `rows` order. */
  readonly logits: tf.Tensor3D;
  readonly rows: Int32Array;
  /** Teacher logits [N, B, C] for pool rows (each must be in `rows`). Call inside a tidy. */
  gather(poolRows: Int32Array): tf.Tensor3D;
  dispose(): void;
}

export async function freezeTeacher(originals: Ensemble, inputs: tf.Tensor, rows: Int32Array): Promise<FrozenTeacher> {
  const values = await predictLogits(originals, inputs, rows);
  const logits = tf.tensor3d(values, [originals.size, rows.length, originals.classes]);
  const position = new Map<number, number>();
  rows.forEach((row, i) => position.set(row, i));
  return {
    logits,
    rows,
    gather(poolRows) {
      const idx = Int32Array.from(poolRows, (r) => {
        const p = position.get(r);
        if (p === undefined) throw new RangeError(`SCRUB teacher: pool row ${r} was not frozen`);
        return p;
      });
      return tf.gather(logits, tf.tensor1d(idx, 'int32'), 1) as tf.Tensor3D;
    },
    dispose: () => logits.dispose(),
  };
}
