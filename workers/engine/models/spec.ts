import { z } from 'zod';

/**
 * The model zoo (algorithms.md, "Models"). `linear` and `mlp` read fixed,
 * data-independent random-conv features (./features.ts); `cnn-s` reads pixels.
 */
export const MODEL_KINDS = ['linear', 'mlp', 'cnn-s'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

export const modelSpecSchema = z.object({
  kind: z.enum(MODEL_KINDS),
  /** Hidden width of the MLP (ignored by the other kinds). */
  hidden: z.number().int().min(8).max(1024).default(256),
});
export type ModelSpec = z.infer<typeof modelSpecSchema>;

export const MODEL_INFO: Record<ModelKind, { label: string; explanation: string }> = {
  linear: {
    label: 'Linear (softmax regression)',
    explanation: 'Softmax regression on fixed random-conv features: convex, the setting where DMM provably wins.',
  },
  mlp: {
    label: 'MLP (one hidden layer)',
    explanation: 'One hidden ReLU layer on the same fixed features: non-convex, memorizes, still cheap.',
  },
  'cnn-s': {
    label: 'Small CNN (24k params)',
    explanation: 'Three conv layers on raw pixels, trained end to end: the slowest and most realistic.',
  },
};

export function usesFeatures(spec: ModelSpec): boolean {
  return spec.kind !== 'cnn-s';
}

/** Number of trainable parameters of one model of this spec. */
export function parameterCount(spec: ModelSpec, inputDim: number, classes: number): number {
  switch (spec.kind) {
    case 'linear':
      return inputDim * classes + classes;
    case 'mlp':
      return inputDim * spec.hidden + spec.hidden + spec.hidden * classes + classes;
    case 'cnn-s':
      return (3 * 3 * 3 * 16 + 16) + (3 * 3 * 16 * 32 + 32) + (3 * 3 * 32 * 64 + 64) + (64 * classes + classes);
  }
}
