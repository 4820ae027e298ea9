/**
 * Method hyperparameters in share links. The page adds a method with `params: {}` (its
 * defaults), so a link that kept only what the user changed would change meaning whenever
 * a default does. Links therefore carry every hyperparameter (`withFullParams`), and a
 * link written before that (a DMM entry without `forgetMultiplier`) gets the defaults it
 * was made with (`asMadeThen`), so an old link reproduces its experiment.
 */
import type { MethodChoice } from '../../workers/engine/experiment/schema';
import { METHOD_METAS } from '../../workers/engine/methods/registry';
import { DMM_DEFAULTS_BEFORE_FULL_LINKS } from '../../workers/engine/methods/dmm/meta';

/** Each method with its defaults filled in; an invalid entry is left as it is, for restore to report. */
export function withFullParams(methods: readonly MethodChoice[]): MethodChoice[] {
  return methods.map((m) => {
    const parsed = METHOD_METAS[m.id].params.safeParse(m.params);
    return parsed.success ? { id: m.id, params: parsed.data as Record<string, unknown> } : m;
  });
}

/** A link's methods as they were meant when the link was made (raw JSON, before validation). */
export function asMadeThen(methods: unknown): unknown {
  if (!Array.isArray(methods)) return methods;
  return methods.map((m: unknown) => {
    if (typeof m !== 'object' || m === null) return m;
    const { id, params } = m as { id?: unknown; params?: unknown };
    const p = typeof params === 'object' && params !== null ? (params as Record<string, unknown>) : {};
    if (id !== 'dmm' || 'forgetMultiplier' in p) return m;
    return { ...m, params: { ...DMM_DEFAULTS_BEFORE_FULL_LINKS, ...p } };
  });
}
