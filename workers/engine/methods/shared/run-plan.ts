import type { TrainingPlan } from '../../train/plan';
import type { MethodContext, MethodOutput } from '../types';
import { outputFromRun } from './outcome';

/**
 * The run every fine-tuning method ends with: its plan on the originals in place, with the
 * method's progress and cancel, then judged into the method's output. Each method only
 * says which batches it sees and what loss it optimises (its plan).
 */
export async function runPlan(ctx: MethodContext<unknown>, plan: TrainingPlan, stage: string, notes: string[] = [], extraSeconds = 0): Promise<MethodOutput> {
  const report = await ctx.originals.train(plan, { stage, onProgress: ctx.onProgress, signal: ctx.signal });
  return outputFromRun(ctx.originals, report, notes, extraSeconds);
}
