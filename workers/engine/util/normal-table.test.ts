import { describe, expect, test } from 'vitest';
import { NormalStream, normalQuantile } from './normal-table';

describe('the normal table', () => {
  test('its quantiles are the standard normal’s (known values)', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 7);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326347874, 7);
    expect(normalQuantile(1e-5)).toBeCloseTo(-4.264890794, 6);
  });

  test('its draws have mean 0, variance 1 and the normal’s tail mass; a seed repeats its stream', () => {
    const v = new Float32Array(400_000);
    new NormalStream(7).addTo(v, 1);
    let mean = 0;
    for (const x of v) mean += x / v.length;
    let variance = 0;
    let beyond2 = 0;
    for (const x of v) {
      variance += (x - mean) ** 2 / v.length;
      if (Math.abs(x) > 1.959964) beyond2++;
    }
    // 4 standard errors: mean 1/√n, variance √(2/n), a 5% tail √(0.05·0.95/n)
    expect(Math.abs(mean)).toBeLessThan(4 / Math.sqrt(v.length));
    expect(Math.abs(variance - 1)).toBeLessThan(4 * Math.sqrt(2 / v.length));
    expect(Math.abs(beyond2 / v.length - 0.05)).toBeLessThan(4 * Math.sqrt(0.0475 / v.length));
    const again = new Float32Array(400_000);
    new NormalStream(7).addTo(again, 1);
    expect(again).toEqual(v);
    const other = new Float32Array(10);
    new NormalStream(8).addTo(other, 1);
    expect(other).not.toEqual(v.subarray(0, 10));
  });
});
