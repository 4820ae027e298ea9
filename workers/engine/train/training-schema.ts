import { z } from 'zod';

/**
 * Training hyperparameters of originals, oracles and subset models. Zod only (no tfjs),
 * so the page can import it through the experiment schema without bundling tfjs.
 */
export const trainingSchema = z.object({
  epochs: z.number().int().min(1).max(200),
  batchSize: z.number().int().min(8).max(2048),
  learningRate: z.number().min(1e-6).max(1),
  schedule: z.enum(['constant', 'cosine']).default('cosine'),
});
export type TrainingOptions = z.infer<typeof trainingSchema>;
