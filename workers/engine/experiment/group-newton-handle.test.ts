import { describe, expect, test, vi } from 'vitest';

const step = vi.fn(async () => {
  await new Promise((r) => setTimeout(r, 30)); // a step that takes time, so both askers must report it
  return [[new Float32Array(1)]];
});
vi.mock('../attribution/group-newton', () => ({ groupNewtonWeights: (...args: unknown[]) => step(...(args as [])) }));
const { attributionProvider } = await import('./attribution-provider');

function args() {
  const ensemble = { predict: vi.fn(), dispose: vi.fn() };
  return {
    experiment: { seed: 0, model: { kind: 'mlp', hidden: 4 }, training: {}, attribution: { groupNewton: { damping: 1, layers: 'all' } } },
    dataset: { validation: { labels: new Uint8Array(0) } },
    estimator: 'group-newton',
    inputs: { sets: { train: { rows: 8, dim: 1, values: new Float32Array(8) } } },
    labels: new Uint8Array(8),
    classes: 2,
    inputDim: 1,
    curvature: async () => ({ state: {}, seconds: 1.5 }),
    compute: { ensembleFromWeights: vi.fn(async () => ensemble) },
    onProgress: () => {},
  } as never;
}
const originals = { weights: async () => [] } as never;

describe('the group-Newton handle', () => {
  test('solves one step per forget set: DMM and DM-direct share it, and each reports its seconds', async () => {
    step.mockClear();
    const handle = await attributionProvider(args());
    expect(handle.summary.seconds).toBe(1.5); // the shared curvature's compute time
    const forget = Int32Array.from([1, 4, 6]);
    const a = await handle.predictedOracle(forget, originals);
    const b = await handle.predictedOracle(Int32Array.from(forget), originals);
    expect(step).toHaveBeenCalledTimes(1);
    expect(a.seconds).toBeGreaterThanOrEqual(0.025);
    expect(b.seconds).toBeGreaterThanOrEqual(0.025); // the second asker still counts the step in its cost
  });
  test('two sets with the same length and endpoints are different sets', async () => {
    step.mockClear();
    const handle = await attributionProvider(args());
    await handle.predictedOracle(Int32Array.from([1, 4, 6]), originals);
    await handle.predictedOracle(Int32Array.from([1, 5, 6]), originals);
    expect(step).toHaveBeenCalledTimes(2);
  });
});
