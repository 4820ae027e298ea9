/**
 * Method hyperparameters spelled out. The page adds a method with `params: {}` (its
 * defaults) and stores only what the user changes, so anything that keeps an experiment
 * for later (a share link, the interrupted-run note) would change meaning whenever a
 * default does. Those keep every hyperparameter (`withFullParams`), and a share link
 * written before they did gets DMM's recipe of that time (`withOldDmmRecipe`), so an old
 * link reproduces its experiment.
 */
import type { MethodChoice } from './schema';
import { METHOD_METAS } from '../methods/registry';
import type { MethodMeta } from '../methods/types';

/**
 * DMM's recipe as old links ran it. Copies of F and retain points: before links spelled out
 * every hyperparameter (changed 2026-12-02 to 6 and 1, `methods/dmm/meta.ts`). The budget:
 * before it existed (2026-12-03) the fine-tune was not cut down for a large forget set, and
 * a budget of all of Retrain's examples leaves every recipe such a link could hold as it
 * was, short of a forget set larger than half the pool. A new link names all three, so
 * laying these under a link's own values changes nothing for it.
 */
const DMM_RECIPE_OF_OLD_LINKS = { forgetMultiplier: 3, retainMultiplier: 3, budget: 1 } as const;

/**
 * Each method with its defaults filled in. An entry its schema rejects is kept as it is:
 * the run validates it and reports it there (method-stage.ts).
 */
export function withFullParams(methods: readonly MethodChoice[]): MethodChoice[] {
  return methods.map((m) => {
    const meta = METHOD_METAS[m.id] as MethodMeta | undefined;
    const parsed = meta?.params.safeParse(m.params);
    return parsed?.success ? { id: m.id, params: parsed.data as Record<string, unknown> } : m;
  });
}

/** A share link's methods (raw JSON, before validation) as they ran when the link was made. */
export function withOldDmmRecipe(methods: unknown): unknown {
  if (!Array.isArray(methods)) return methods;
  return methods.map((m: unknown) => {
    if (!isPlainObject(m) || m.id !== 'dmm') return m;
    // anything but missing or a plain object is left for the schema to reject, with its message
    if (m.params !== undefined && !isPlainObject(m.params)) return m;
    return { ...m, params: { ...DMM_RECIPE_OF_OLD_LINKS, ...(m.params ?? {}) } };
  });
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
