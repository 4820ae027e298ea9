import { describe, expect, test } from 'vitest';
import { METHOD_META_LIST, METHOD_METAS } from '../../../workers/engine/methods/registry';
import { paramFields } from './schema-fields';

describe('paramFields', () => {
  test('reads bounds, integer-ness and defaults from the method schema', () => {
    const fields = paramFields(METHOD_METAS.ga.params);
    expect(fields.map((f) => f.key)).toEqual(['learningRate', 'epochs', 'batchSize']);
    expect(fields[0]).toMatchObject({ kind: 'number', min: 1e-6, max: 0.1, integer: false, fallback: 1e-4 });
    expect(fields[1]).toMatchObject({ kind: 'number', min: 1, max: 50, integer: true, fallback: 5 });
  });

  test('the estimator of DMM is a choice with the group Newton default', () => {
    const est = paramFields(METHOD_METAS.dmm.params).find((f) => f.key === 'estimator');
    expect(est).toMatchObject({ kind: 'choice', fallback: 'group-newton' });
    expect(est && 'options' in est ? est.options : []).toContain('trak-last-layer');
  });

  test('every field of every method is understood, and its default is inside its bounds', () => {
    for (const meta of METHOD_META_LIST) {
      const fields = paramFields(meta.params);
      expect(fields.length).toBe(Object.keys(meta.params.parse({}) as object).length);
      for (const f of fields) if (f.kind === 'number') expect(f.fallback >= f.min && f.fallback <= f.max).toBe(true);
    }
  });
});
