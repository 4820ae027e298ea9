/** The DMM/DM-direct instant preview: predicted accuracies and one image's margin change, from the held datamodels. */
import { previewRemoval } from '../../engine/attribution/preview';
import type { Dataset } from '../../engine/data/types';
import { heldFor } from './datamodels-holder';

export interface ForgetPreview {
  forgetSize: number;
  accuracy: { forget: { before: number; after: number }; retain: { before: number; after: number }; validation: { before: number; after: number } };
  /** Predicted margin change of the focused pool image, when one was asked for. */
  focus: { index: number; before: number; after: number } | null;
  /** Worker-side time of the whole update. */
  ms: number;
}

export async function previewForget(dataset: Dataset, indices: Int32Array, focus: number | null): Promise<ForgetPreview | null> {
  const start = performance.now();
  const h = await heldFor(dataset);
  if (!h || !h.logits) return null;
  const forget = Int32Array.from(new Set(indices)).filter((i) => i >= 0 && i < dataset.train.count);
  const p = previewRemoval({ datamodels: h.dm, originalLogits: h.logits, labels: { train: dataset.train.labels, validation: dataset.validation.labels }, forget });
  const f = focus != null && focus >= 0 && focus < dataset.train.count ? { index: focus, before: p.before.train[focus], after: p.margins.train[focus] } : null;
  return { forgetSize: forget.length, accuracy: p.accuracy, focus: f, ms: performance.now() - start };
}
