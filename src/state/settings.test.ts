import { describe, expect, test } from 'vitest';
import { BOUNDS, DEFAULT_SETTINGS, updateSettings } from './settings';

describe('updateSettings', () => {
  test('clamps numbers to the bounds the controls show', () => {
    const s = updateSettings(DEFAULT_SETTINGS, { epochs: 5000, learningRate: 7, hidden: 3 });
    expect(s.epochs).toBe(BOUNDS.epochs.max);
    expect(s.learningRate).toBe(BOUNDS.learningRate.max);
    expect(s.hidden).toBe(BOUNDS.hidden.min);
  });

  test('rounds integer fields', () => {
    expect(updateSettings(DEFAULT_SETTINGS, { epochs: 3.6 }).epochs).toBe(4);
  });

  test('keeps the current value when the new one is not a valid number or choice', () => {
    const s = updateSettings(DEFAULT_SETTINGS, { epochs: NaN, batchSize: 100, kind: 'resnet' as never });
    expect(s.epochs).toBe(DEFAULT_SETTINGS.epochs);
    expect(s.batchSize).toBe(DEFAULT_SETTINGS.batchSize);
    expect(s.kind).toBe(DEFAULT_SETTINGS.kind);
  });
});
