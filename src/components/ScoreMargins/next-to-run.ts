/**
 * Margins scored from elsewhere, next to the page's own run: when they have the run's N
 * and the run's point counts per group, they join its methods as one more row, so the
 * same charts put them side by side (the KLoM boxes against the same noise floor).
 */
import type { ExperimentResults, MethodResult } from '../../../workers/engine/experiment/results';
import type { MethodEvaluation } from '../../../workers/engine/metrics';

/** Why the scored margins cannot sit next to this run, or null when they can. */
export function mismatch(run: ExperimentResults, scored: MethodEvaluation): string | null {
  const n = run.experiment.ensemble.models;
  if (scored.models.unlearned !== n) return `they come from ${scored.models.unlearned} models and the run has N = ${n}`;
  for (const g of ['forget', 'retain', 'validation'] as const) {
    if (scored.points[g] !== run.points[g].length) return `they score ${scored.points[g]} ${g} points and the run ${run.points[g].length}`;
  }
  return null;
}

/** The run with the scored margins as its last method (no cost: they were computed elsewhere). */
export function withScored(run: ExperimentResults, scored: MethodEvaluation, label: string): ExperimentResults {
  const row: MethodResult = {
    // not one of the lab's methods: charts fall back to a neutral colour and this label
    id: 'scored' as MethodResult['id'],
    label,
    params: {},
    status: 'ok',
    notes: ['Margins computed elsewhere, scored with the lab’s metrics.'],
    cost: { seconds: 0, steps: 0, examples: 0, relativeToRetrain: Number.NaN },
    outputs: null,
    evaluation: scored,
  };
  return { ...run, methods: [...run.methods, row] };
}
