/**
 * Bounds applied to model outputs before any metric sees them, in one place so that
 * KLoM, U-LiRA and the loss-based attacks agree on what a diverged model looks like.
 *
 * algorithms.md (KLoM) clips margins to [−100, 100]. We reuse that bound everywhere and
 * map NaN (a model whose logits blew up, e.g. under gradient ascent) to −100: such a
 * model is as wrong as a model can be, and silently dropping it would flatter the method.
 */
export const MARGIN_CLIP = 100;

/** Clips a margin to [−MARGIN_CLIP, MARGIN_CLIP]; NaN becomes −MARGIN_CLIP. */
export function clipMargin(x: number): number {
  if (Number.isNaN(x)) return -MARGIN_CLIP;
  return x < -MARGIN_CLIP ? -MARGIN_CLIP : x > MARGIN_CLIP ? MARGIN_CLIP : x;
}

/**
 * Largest cross-entropy loss we pass to an attack: softplus(−m) at m = −MARGIN_CLIP is
 * ≈ 100 nats, so this is the loss-space image of the margin clip. NaN becomes the max.
 */
export const LOSS_CLIP = MARGIN_CLIP;

/** Clamps a loss to [0, LOSS_CLIP]; NaN becomes LOSS_CLIP. */
export function clipLoss(x: number): number {
  if (Number.isNaN(x)) return LOSS_CLIP;
  return x < 0 ? 0 : x > LOSS_CLIP ? LOSS_CLIP : x;
}
