import { describe, expect, test } from 'vitest';
import { readUrlState } from './url';

describe('readUrlState', () => {
  test('no parameters: automatic backend, no problems', () => {
    expect(readUrlState('')).toEqual({ state: { backend: 'auto' }, problems: [] });
  });

  test.each(['webgpu', 'webgl', 'wasm', 'cpu', 'auto'])('accepts ?backend=%s', (b) => {
    expect(readUrlState(`?backend=${b}`).state.backend).toBe(b);
  });

  test('is forgiving about case and spaces', () => {
    expect(readUrlState('?backend=%20WebGPU%20').state.backend).toBe('webgpu');
  });

  test('an unknown backend falls back to auto with a message naming it', () => {
    const { state, problems } = readUrlState('?backend=quantum');
    expect(state.backend).toBe('auto');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/"quantum"/);
  });
});
