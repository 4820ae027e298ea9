/**
 * The three groups every metric is reported on (algorithms.md, "Evaluation"): the forget
 * set F, a sample of the retain set R, and the validation/test set V.
 */
export const GROUPS = ['forget', 'retain', 'validation'] as const;
export type Group = (typeof GROUPS)[number];
export type ByGroup<T> = { [G in Group]: T };

/** Applies `f` to each group, in GROUPS order. */
export function mapGroups<T>(f: (group: Group) => T): ByGroup<T> {
  return { forget: f('forget'), retain: f('retain'), validation: f('validation') };
}
