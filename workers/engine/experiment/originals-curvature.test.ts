import { describe, expect, test, vi } from 'vitest';

const prepare = vi.fn();
vi.mock('../attribution/group-newton', () => ({ groupNewtonState: (...args: unknown[]) => prepare(...args) }));
const { originalsCurvature } = await import('./originals-curvature');

const setup = { x: { model: { kind: 'mlp', hidden: 4 } }, inputs: { sets: { train: { rows: 2, dim: 1, values: new Float32Array(2) } } }, labels: new Uint8Array(2), classes: 2 } as never;
const originals = { spec: { kind: 'mlp', hidden: 4 }, classes: 2, curvature: vi.fn(async () => []) } as never;

describe('the originals’ shared curvature', () => {
  test('is computed once however many ask (group Newton’s stage, then IU), with the same seconds for each', async () => {
    prepare.mockReset().mockResolvedValue({ marker: 1 });
    const curvature = originalsCurvature(setup, originals);
    const [a, b] = await Promise.all([curvature(), curvature()]);
    const c = await curvature();
    expect(prepare).toHaveBeenCalledTimes(1);
    expect(a).toBe(b);
    expect(c).toBe(a);
    expect(a.seconds).toBeGreaterThanOrEqual(0);
  });
  test('a failed attempt is not remembered: the next asker tries again', async () => {
    prepare.mockReset().mockRejectedValueOnce(new Error('cancelled')).mockResolvedValue({ marker: 2 });
    const curvature = originalsCurvature(setup, originals);
    await expect(curvature()).rejects.toThrow('cancelled');
    await expect(curvature()).resolves.toMatchObject({ state: { marker: 2 } });
    expect(prepare).toHaveBeenCalledTimes(2);
  });
});
