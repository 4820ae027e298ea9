/**
 * The page's own dataset choices. Model and training settings are not here: they live in
 * the experiment description (experiment-store.ts), bounded by the engine's schema.
 */

/** Synthetic pool sizes offered; validation is a fifth of the pool. */
export const SYNTHETIC_SIZES = [1000, 2000, 5000, 10000] as const;
export const SYNTHETIC_SEED = 1;
