import { Rng, deriveSeed } from '../../util/rng';

/**
 * The matching methods' fine-tuning set (algorithms.md, OM and DMM): every forget point
 * `forgetMultiplier` times, plus `retainMultiplier·|F|` distinct retain points drawn with
 * a seeded sample (capped at |R|).
 *
 * `rows` lists each pool row once (forget first, then the retain sample): targets are
 * fetched and stored once per row. `positions` is the fine-tuning list itself, as
 * indices into `rows`, repeats included: minibatches are drawn from it.
 */
export interface FineTuneSet {
  rows: Int32Array;
  positions: Int32Array;
  forgetCount: number;
  retainCount: number;
}

export function buildFineTuneSet(
  forget: Int32Array,
  retain: Int32Array,
  forgetMultiplier: number,
  retainMultiplier: number,
  seed: number,
): FineTuneSet {
  const retainCount = Math.min(retain.length, Math.round(retainMultiplier * forget.length));
  const pick = new Rng(deriveSeed(seed, 'retain-sample')).sample(retain.length, retainCount);
  const rows = new Int32Array(forget.length + retainCount);
  rows.set(forget);
  for (let i = 0; i < retainCount; i++) rows[forget.length + i] = retain[pick[i]];

  const positions = new Int32Array(forget.length * forgetMultiplier + retainCount);
  let k = 0;
  for (let r = 0; r < forgetMultiplier; r++) for (let i = 0; i < forget.length; i++) positions[k++] = i;
  for (let i = 0; i < retainCount; i++) positions[k++] = forget.length + i;
  return { rows, positions, forgetCount: forget.length, retainCount };
}
