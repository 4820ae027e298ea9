import type { z } from 'zod';
import { deriveSeed } from '../../util/rng';
import type { MethodContext, MethodOutput, UnlearningMethod } from '../types';
import { fineTunePlan } from '../ft/run';
import { runPlan } from '../shared/run-plan';
import { noisyMeta, type noisyParams } from './meta';

/** Noisy descent: FT's plan with every gradient clipped to C, then N(0, (σC)²) noise added per entry. */
async function run(ctx: MethodContext<z.infer<typeof noisyParams>>): Promise<MethodOutput> {
  const p = ctx.params;
  const gradient = { mask: null, l1: null, clipNorm: p.clipNorm, noise: { std: p.noise * p.clipNorm, seed: deriveSeed(ctx.seed, 'noisy', 'noise') }, firstModel: 0 };
  return runPlan(ctx, { ...fineTunePlan(ctx, p, 'noisy'), gradient }, noisyMeta.label);
}

export const noisyMethod: UnlearningMethod<typeof noisyParams> = { meta: noisyMeta, run };
