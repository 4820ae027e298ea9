import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { METHOD_META_LIST, METHOD_METAS, parseMethodParams } from './registry';
import { RUN_METHODS } from './run-registry';
import { METHOD_IDS } from './types';

describe('method registry', () => {
  it('lists every method once, in the page order, with the same meta on both sides', () => {
    expect(METHOD_META_LIST.map((m) => m.id)).toEqual([...METHOD_IDS]);
    for (const id of METHOD_IDS) {
      expect(METHOD_METAS[id].id).toBe(id);
      expect(RUN_METHODS[id].meta).toBe(METHOD_METAS[id]);
    }
  });

  it('gives every method defaults and help for each parameter', () => {
    for (const meta of METHOD_META_LIST) {
      const defaults = meta.params.parse({}) as Record<string, unknown>;
      expect(Object.keys(meta.paramHelp).sort()).toEqual(Object.keys(defaults).sort());
      expect(meta.explanation.length).toBeGreaterThan(20);
    }
  });

  it('enforces bounds', () => {
    expect(() => parseMethodParams('ft', { learningRate: 5 })).toThrow();
    expect(() => parseMethodParams('gd', { alpha: 1.5 })).toThrow();
    expect(() => parseMethodParams('dmm', { estimator: 'magic' })).toThrow();
    expect(parseMethodParams('dmm', {})).toMatchObject({ estimator: 'group-newton' });
  });

  it('keeps tfjs out of everything the page imports (metas, registry, shared fields)', () => {
    const pageFiles = ['registry.ts', 'types.ts', 'shared/param-fields.ts', ...METHOD_IDS.map((id) => `${id}/meta.ts`)];
    const allowed = /^(zod|\.\.?\/types|\.\.\/shared\/param-fields|\.\/[a-z0-9-]+\/meta|\.\.\/compute\/types|\.\.\/tf|\.\.\/train\/progress|\.\.\/experiment\/originals-curvature)$/;
    for (const file of pageFiles) {
      const source = readFileSync(new URL(file, import.meta.url), 'utf8');
      const imports = [...source.matchAll(/^import\s+(type\s+)?[^'"]*['"]([^'"]+)['"]/gm)];
      for (const [, typeOnly, from] of imports) {
        expect(from, `${file} imports ${from}`).toMatch(allowed);
        if (/tf|compute|progress|curvature/.test(from)) expect(typeOnly, `${file}: ${from} must be a type-only import`).toBeTruthy();
      }
    }
  });
});
