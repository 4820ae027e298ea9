import { METHOD_IDS, type MethodId, type MethodMeta } from './types';
import { retrainMeta } from './retrain/meta';
import { noneMeta } from './none/meta';
import { ftMeta } from './ft/meta';
import { gaMeta } from './ga/meta';
import { gdMeta } from './gd/meta';
import { rlMeta } from './rl/meta';
import { scrubMeta } from './scrub/meta';
import { omMeta } from './om/meta';
import { dmmMeta } from './dmm/meta';
import { dmDirectMeta } from './dm-direct/meta';
import { iuMeta } from './iu/meta';
import { ssdMeta } from './ssd/meta';
import { salunMeta } from './salun/meta';
import { l1SparseMeta } from './l1-sparse/meta';
import { noisyMeta } from './noisy/meta';

/**
 * Every method's shared description, for the page (panels, URL restore) and the engine
 * alike. Metas import only zod, so importing this never loads tfjs. The engine side,
 * with the algorithms, is ./run-registry.ts.
 */
export const METHOD_METAS: { readonly [K in MethodId]: MethodMeta } = {
  retrain: retrainMeta,
  none: noneMeta,
  ft: ftMeta,
  ga: gaMeta,
  gd: gdMeta,
  rl: rlMeta,
  scrub: scrubMeta,
  om: omMeta,
  dmm: dmmMeta,
  'dm-direct': dmDirectMeta,
  iu: iuMeta,
  ssd: ssdMeta,
  salun: salunMeta,
  'l1-sparse': l1SparseMeta,
  noisy: noisyMeta,
};

/** Metas in the order the page lists them. */
export const METHOD_META_LIST: readonly MethodMeta[] = METHOD_IDS.map((id) => METHOD_METAS[id]);

/** A method's hyperparameters with defaults filled and bounds enforced (throws a ZodError otherwise). */
export function parseMethodParams(id: MethodId, raw: unknown): Record<string, unknown> {
  return METHOD_METAS[id].params.parse(raw ?? {}) as Record<string, unknown>;
}
