import { z } from 'zod';
import { denseFromSerialized } from './dense';
import { factoredFromSerialized } from './factored';
import { sparseFromSerialized } from './sparse';
import { ESTIMATOR_IDS, type Datamodels, type SerializedDatamodels } from './types';

/**
 * Restoring cached or exported datamodels. Everything that comes from outside goes through
 * one validating step (style.md): the header is checked with a schema, then each kind's
 * constructor checks that the blob sizes match the header, so a stale or truncated cache
 * entry fails loudly here instead of producing wrong unlearning targets later.
 */
const headerSchema = z.object({
  format: z.literal('unlearning-lab/datamodels'),
  version: z.literal(1),
  kind: z.enum(['factored', 'sparse', 'dense']),
  estimator: z.enum(ESTIMATOR_IDS),
  output: z.enum(['logits', 'margin']),
  cost: z.object({ seconds: z.number().nonnegative(), modelsTrained: z.number().int().nonnegative() }),
  info: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
  trainSize: z.number().int().positive(),
  validationSize: z.number().int().nonnegative(),
  classes: z.number().int().min(2),
  layout: z.record(z.string(), z.unknown()),
});

export function deserializeDatamodels(s: { header: unknown; blobs: Float32Array[] }): Datamodels {
  const parsed = headerSchema.safeParse(s.header);
  if (!parsed.success) throw new RangeError(`datamodels: bad header (${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')})`);
  const ser: SerializedDatamodels = { header: parsed.data, blobs: s.blobs };
  switch (parsed.data.kind) {
    case 'factored':
      return factoredFromSerialized(ser);
    case 'sparse':
      return sparseFromSerialized(ser);
    case 'dense':
      return denseFromSerialized(ser);
  }
}
