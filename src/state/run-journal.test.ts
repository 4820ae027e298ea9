import { describe, expect, test } from 'vitest';
import { DEFAULT_EXPERIMENT } from './experiment-store';
import { journalEnd, journalMethod, journalStart, readInterrupted } from './run-journal';
import { withFullParams } from '../../workers/engine/experiment/spelled-out-params';

function memory() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), m };
}

describe('run journal', () => {
  test('a run that never ended is reported with its finished methods, every hyperparameter spelled out', () => {
    const s = memory();
    journalStart(DEFAULT_EXPERIMENT, s);
    journalMethod('Retrain', s);
    journalMethod('DMM', s);
    const r = readInterrupted(s)!;
    expect(r.experiment).toEqual({ ...DEFAULT_EXPERIMENT, methods: withFullParams(DEFAULT_EXPERIMENT.methods) });
    expect(r.experiment.methods.find((m) => m.id === 'dmm')?.params).toMatchObject({ forgetMultiplier: 6, retainMultiplier: 1 });
    expect(r.finished).toEqual(['Retrain', 'DMM']);
  });

  test('a run that ended leaves nothing; a garbled note is ignored', () => {
    const s = memory();
    journalStart(DEFAULT_EXPERIMENT, s);
    journalEnd(s);
    expect(readInterrupted(s)).toBeNull();
    s.setItem('unlearning-lab:run-in-progress', '{"experiment":{"version":99}}');
    expect(readInterrupted(s)).toBeNull();
  });

  test('a storage that refuses writes costs only the notice', () => {
    const s = { ...memory(), setItem: () => { throw new DOMException('full', 'QuotaExceededError'); } };
    expect(() => journalStart(DEFAULT_EXPERIMENT, s)).not.toThrow();
    expect(readInterrupted(s)).toBeNull();
  });
});
