/**
 * The DMM/DM-direct instant preview, from the held datamodels: predicted accuracies, and
 * every pool image's margin before and after, once per forget set. The page keeps the
 * margins, so hovering an image reads them locally instead of asking again.
 */
import { previewRemoval } from '../../engine/attribution/preview';
import type { Dataset } from '../../engine/data/types';
import { heldFor } from './datamodels-holder';

export interface ForgetPreview {
  forgetSize: number;
  accuracy: { forget: { before: number; after: number }; retain: { before: number; after: number }; validation: { before: number; after: number } };
  /** Margin of every pool image under the originals and predicted without the forget set (transferred). */
  margins: { before: Float32Array; after: Float32Array };
  /** Worker-side time of the whole update. */
  ms: number;
}

export async function previewForget(dataset: Dataset, indices: Int32Array): Promise<ForgetPreview | null> {
  const start = performance.now();
  const h = await heldFor(dataset);
  if (!h || !h.logits) return null;
  const forget = Int32Array.from(new Set(indices)).filter((i) => i >= 0 && i < dataset.train.count);
  const p = previewRemoval({ datamodels: h.dm, originalLogits: h.logits, labels: { train: dataset.train.labels, validation: dataset.validation.labels }, forget });
  // `before` is rebuilt per call, so both arrays are this call's own and can be transferred.
  return { forgetSize: forget.length, accuracy: p.accuracy, margins: { before: p.before.train, after: p.margins.train }, ms: performance.now() - start };
}
