/**
 * The experiment settings the controls edit, with the bounds the UI enforces. The same
 * schema will validate them when they come from a link, so a URL cannot go past a
 * slider's limits. Bounds sit inside the engine's own (train-ensemble.ts trainingSchema).
 */
import { z } from 'zod';
import { MODEL_KINDS, type ModelKind } from '../../workers/engine/models/spec';

export const BOUNDS = {
  epochs: { min: 1, max: 100 },
  learningRate: { min: 0.0001, max: 0.3 },
  hidden: { min: 16, max: 1024 },
  seed: { min: 0, max: 2 ** 31 - 1 },
} as const;

export const BATCH_SIZES = [16, 32, 64, 128, 256, 512, 1024] as const;

/** Synthetic pool sizes offered; validation is a fifth of the pool. */
export const SYNTHETIC_SIZES = [1000, 2000, 5000, 10000] as const;
export const SYNTHETIC_SEED = 1;

const clampInt = (lo: number, hi: number) => z.number().transform((v) => Math.round(Math.min(hi, Math.max(lo, v))));

/** Each field's rule: a value out of bounds is clamped, a value of the wrong kind is rejected. */
const FIELDS = {
  kind: z.enum(MODEL_KINDS),
  hidden: clampInt(BOUNDS.hidden.min, BOUNDS.hidden.max),
  epochs: clampInt(BOUNDS.epochs.min, BOUNDS.epochs.max),
  batchSize: z.number().refine((b) => (BATCH_SIZES as readonly number[]).includes(b), 'not an offered batch size'),
  learningRate: z.number().transform((v) => Math.min(BOUNDS.learningRate.max, Math.max(BOUNDS.learningRate.min, v))),
  schedule: z.enum(['constant', 'cosine']),
  seed: clampInt(BOUNDS.seed.min, BOUNDS.seed.max),
};

export const settingsSchema = z.object(FIELDS);
export type Settings = z.infer<typeof settingsSchema>;

/** Sensible starting points per model (Adam): the page switches to them when the model changes. */
export const MODEL_DEFAULTS: Record<ModelKind, Pick<Settings, 'epochs' | 'learningRate' | 'batchSize'>> = {
  linear: { epochs: 10, learningRate: 0.01, batchSize: 128 },
  mlp: { epochs: 10, learningRate: 0.003, batchSize: 128 },
  'cnn-s': { epochs: 8, learningRate: 0.003, batchSize: 64 },
};

export const DEFAULT_SETTINGS: Settings = { kind: 'linear', hidden: 256, seed: 1, schedule: 'cosine', ...MODEL_DEFAULTS.linear };

/**
 * Applies an edit: values out of bounds are clamped, invalid ones (NaN from an emptied
 * number field, an unknown model) leave the current value in place.
 */
export function updateSettings(current: Settings, patch: Partial<Settings>): Settings {
  const next: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch) as [keyof Settings, unknown][]) {
    const parsed = FIELDS[key].safeParse(value);
    if (parsed.success) next[key] = parsed.data;
  }
  return next as Settings;
}
