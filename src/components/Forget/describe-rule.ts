import type { ForgetRule } from '../../../workers/engine/experiment/schema';

/** A forget rule in a few plain words. */
export function describeRule(rule: ForgetRule, classNames: string[]): string {
  const cls = (c: number) => classNames[c] ?? `class ${c}`;
  switch (rule.kind) {
    case 'indices':
      return 'picked by hand';
    case 'random':
      return `${rule.count} at random`;
    case 'class':
      return `the whole class ${cls(rule.classIndex)}${rule.count ? ` (first ${rule.count})` : ''}`;
    case 'subpopulation':
      return `cluster ${rule.cluster + 1} of ${rule.clusters} in ${cls(rule.classIndex)}`;
    case 'mislabeled':
      return `${rule.count} given wrong labels`;
    case 'backdoor':
      return `${rule.count} with a trigger patch, labelled ${cls(rule.targetClass)}`;
  }
}
