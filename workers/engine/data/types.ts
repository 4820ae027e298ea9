/**
 * In-memory dataset shapes shared by the loaders, the generator, the engine and the page.
 * Images are stored as the official CIFAR binary layout does: per image 3072 bytes,
 * channel-planar (1024 R, then 1024 G, then 1024 B), row-major 32×32.
 */
export const IMAGE_SIZE = 32;
export const CHANNELS = 3;
export const PIXELS_PER_IMAGE = IMAGE_SIZE * IMAGE_SIZE * CHANNELS; // 3072
export const NUM_CLASSES = 10;

/** A set of labelled images. */
export interface ImageSet {
  /** count × 3072 bytes, channel-planar per image (CIFAR binary layout). */
  pixels: Uint8Array;
  /** count labels in [0, numClasses). */
  labels: Uint8Array;
  count: number;
  /**
   * Generated data only: which variant of its class each image was drawn as (see
   * synthetic-classes.ts; common sub-types first, then the rare/atypical ones). Lets
   * tests and lessons check that a "sub-population" forget set found a real one.
   * Not part of the content hash. Absent for real CIFAR-10.
   */
  variants?: Uint8Array;
}

/** Where a dataset came from; enough to produce it again. */
export type DatasetSource =
  | { kind: 'synthetic'; seed: number; trainSize: number; validationSize: number }
  | { kind: 'cifar10'; origin: string };

/**
 * A dataset as the engine sees it: the train pool S (from which forget sets are drawn)
 * and a validation set V that is never trained on.
 */
export interface Dataset {
  /** Short id used in configs and URLs, e.g. "synthetic" or "cifar10-subset". */
  id: string;
  name: string;
  classNames: string[];
  train: ImageSet;
  validation: ImageSet;
  source: DatasetSource;
  /** Hex content hash over classes, labels and pixels; caches key on it. */
  hash: string;
}
