import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng';
import { fitTwoScales } from './trak-calibration';

function sums(p: number[], s: number[], y: number[]) {
  let pp = 0, ss = 0, ps = 0, py = 0, sy = 0;
  p.forEach((_, j) => {
    pp += p[j] * p[j];
    ss += s[j] * s[j];
    ps += p[j] * s[j];
    py += p[j] * y[j];
    sy += s[j] * y[j];
  });
  return [pp, ss, ps, py, sy] as const;
}

describe('TRAK two-scale calibration fit', () => {
  const rng = new Rng(4);
  const p = Array.from({ length: 500 }, () => rng.normal());
  const s = Array.from({ length: 500 }, (_, j) => (j % 5 === 0 ? rng.normal() * 2 + 0.3 * p[j] : 0));

  it('recovers separate scales for influence on others and on self', () => {
    const y = p.map((pj, j) => 3 * pj + 12 * s[j] + 0.1 * rng.normal());
    const fit = fitTwoScales(...sums(p, s, y));
    expect(fit.cross).toBeCloseTo(3, 1);
    expect(fit.self).toBeCloseTo(12, 1);
  });

  it('clamps a negative scale to 0 and refits the other; shares one scale when self never varies', () => {
    const y = p.map((pj, j) => 2 * pj - 5 * s[j]);
    const [pp, ss, ps, py, sy] = sums(p, s, y);
    expect(fitTwoScales(pp, ss, ps, py, sy)).toEqual({ cross: py / pp, self: 0 }); // NNLS on the boundary b = 0
    const fit = fitTwoScales(...sums(p, p.map(() => 0), p.map((pj) => 4 * pj)));
    expect(fit.cross).toBeCloseTo(4, 6);
    expect(fit.self).toBeCloseTo(4, 6);
  });
});
