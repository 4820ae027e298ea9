/**
 * A forget rule → the exact pool indices a run would forget (the engine's resolveForgetSet,
 * same seed, same fixed features), so the page always shows the set a run would use.
 */
import type { Dataset } from '../../engine/data/types';
import { resolveForgetSet } from '../../engine/experiment/forget-rules';
import { forgetRuleSchema, type ForgetRule } from '../../engine/experiment/schema';
import { FEATURE_DIM } from '../../engine/models/features';
import { featuresFor } from '../../engine/models/inputs';

export interface ResolvedForget {
  /** Sorted pool indices. */
  indices: Int32Array;
  /** Forget-set size per class (training labels before any poisoning). */
  classCounts: number[];
  /** The rule also changes training data (mislabeled/backdoor). */
  poisoned: boolean;
}

function classCounts(labels: Uint8Array, indices: Int32Array, classes: number): number[] {
  const out = new Array<number>(classes).fill(0);
  for (const i of indices) out[labels[i]]++;
  return out;
}

export function needsFeatures(rule: ForgetRule): boolean {
  return rule.kind === 'subpopulation' || (rule.kind === 'class' && rule.count !== undefined);
}

export async function resolveForget(dataset: Dataset, ruleIn: unknown, seed: number): Promise<ResolvedForget> {
  const rule = forgetRuleSchema.parse(ruleIn);
  const features = needsFeatures(rule) ? { values: (await featuresFor(dataset)).train, dim: FEATURE_DIM } : undefined;
  const r = resolveForgetSet(rule, dataset, seed, features);
  return { indices: r.forget, classCounts: classCounts(dataset.train.labels, r.forget, dataset.classNames.length), poisoned: r.poisoning.kind !== 'none' };
}

