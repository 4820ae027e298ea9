import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng';
import { mapGroups } from './by-group';
import { klomPerPoint } from './klom';
import { noiseFloor } from './noise-floor';
import { gaussianMargins, pointMeans } from './test-support';

describe('noiseFloor', () => {
  it('is the KLoM of the second oracle ensemble against the first, per group', () => {
    const rng = new Rng(8);
    const means = mapGroups(() => pointMeans(rng, 30, 3, 2));
    const a = mapGroups((g) => gaussianMargins(rng, 20, means[g], 1));
    const b = mapGroups((g) => gaussianMargins(rng, 20, means[g], 1));
    const floor = noiseFloor(a, b);
    expect(floor.retain.perPoint).toEqual(Array.from(klomPerPoint(b.retain, a.retain)));
    expect(floor.forget.perPoint).toHaveLength(30);
    // Same distribution, yet far from 0: with 20 models per side, bins that hold an
    // unlearned sample but no oracle sample cost p·log(p / 1e-5) each. numpy reference
    // (scipy.stats.entropy, 4000 repetitions): per-point mean 3.07, sd 1.1, so the mean
    // over 30 points has sd ≈ 0.2. Tolerance 0.9 (> 4 sd).
    expect(Math.abs(floor.validation.summary.mean - 3.07)).toBeLessThan(0.9);
  });
});
