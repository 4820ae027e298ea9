import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng';
import { embeddingOf, EMBEDDING_RETAIN } from './embedding';

const rng = new Rng(3);
const D = 6;
const inputs = { values: Float32Array.from({ length: 500 * D }, () => rng.normal()), rows: 500, dim: D };
const forget = [3, 10, 42, 77];
const retain = Array.from({ length: 400 }, (_, i) => 100 + i);

describe('the embedding map', () => {
  it('for a linear model maps its logits: forget points first, a retain sample after, unit spread, forget leaning positive', async () => {
    const w = [Float32Array.from({ length: D * 3 }, () => rng.normal()), Float32Array.of(0.1, -0.2, 0.3)];
    const e = (await embeddingOf({ kind: 'linear', hidden: 8 }, w, inputs, forget, retain))!;
    expect(e.layer).toBe('logits');
    expect(e.rows).toEqual([...forget, ...retain.slice(0, EMBEDDING_RETAIN)]);
    expect(e.forgetCount).toBe(4);
    const n = e.rows.length;
    for (const k of [0, 1]) {
      const spread = Math.sqrt(e.xy.filter((_, i) => i % 2 === k).reduce((s, v) => s + v * v, 0) / n);
      expect(spread).toBeCloseTo(1, 2);
      expect(forget.reduce((s, _, i) => s + e.xy[2 * i + k], 0)).toBeGreaterThanOrEqual(0);
    }
    // three logits are affine in the inputs: two axes show most of their variance
    expect(e.explained[0] + e.explained[1]).toBeGreaterThan(0.5);
  });

  it('for an MLP maps the hidden layer (ReLU), and has no map for the CNN', async () => {
    const h = 5;
    const w = [Float32Array.from({ length: D * h }, () => rng.normal()), new Float32Array(h), Float32Array.from({ length: h * 3 }, () => rng.normal()), new Float32Array(3)];
    expect((await embeddingOf({ kind: 'mlp', hidden: h }, w, inputs, forget, retain))!.layer).toBe('hidden');
    expect(await embeddingOf({ kind: 'cnn-s', hidden: 8 }, w, inputs, forget, retain)).toBeNull();
  });
});
