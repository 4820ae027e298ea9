import type { z } from 'zod';
import type { MethodContext, MethodOutput, UnlearningMethod } from '../types';
import { fineTunePlan } from '../ft/run';
import { runPlan } from '../shared/run-plan';
import { l1SparseMeta, type l1SparseParams } from './meta';

/**
 * ℓ1-sparse: FT's plan with a proximal ℓ1 step after each Adam step (the penalty γ_t‖θ‖₁,
 * γ_t falling linearly from γ to zero over the run; train/plan.ts says why proximal).
 */
async function run(ctx: MethodContext<z.infer<typeof l1SparseParams>>): Promise<MethodOutput> {
  const p = ctx.params;
  const plan = { ...fineTunePlan(ctx, p, 'l1-sparse'), gradient: { mask: null, clipNorm: null, l1: p.l1, noise: null, firstModel: 0 } };
  return runPlan(ctx, plan, l1SparseMeta.label);
}

export const l1SparseMethod: UnlearningMethod<typeof l1SparseParams> = { meta: l1SparseMeta, run };
