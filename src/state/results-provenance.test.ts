import { describe, expect, test } from 'vitest';
import { DEFAULT_EXPERIMENT } from './experiment-store';
import { changedSince } from './results-provenance';

describe('changedSince', () => {
  const data = { hash: 'abc' };
  test('nothing changed: an empty list', () => {
    expect(changedSince(DEFAULT_EXPERIMENT, data, structuredClone(DEFAULT_EXPERIMENT), data)).toEqual([]);
  });

  test('names each part that moved, the dataset first', () => {
    const now = { ...DEFAULT_EXPERIMENT, forget: { kind: 'class' as const, classIndex: 2 }, ensemble: { models: 8 } };
    expect(changedSince(DEFAULT_EXPERIMENT, data, now, { hash: 'def' })).toEqual(['dataset', 'forget set', 'N']);
  });

  test('the experiment name and dataset field are not results-relevant', () => {
    const now = { ...DEFAULT_EXPERIMENT, name: 'renamed', dataset: { ...DEFAULT_EXPERIMENT.dataset, trainSize: 999 } };
    expect(changedSince(DEFAULT_EXPERIMENT, data, now, data)).toEqual([]);
  });
});
