/**
 * The data layer's front door: build a Dataset (generated or real CIFAR-10) with its
 * id, name, source and content hash filled in, describe it in a small JSON summary,
 * and turn its bytes into the float tensors the models eat.
 */
import { collectCifarFiles, type NamedFile } from './cifar-archive.ts';
import { hashDataset } from './hash.ts';
import { countClasses } from './image-set.ts';
import { SYNTHETIC_DEFAULTS, generateSynthetic, type SyntheticOptions } from './synthetic.ts';
import { CHANNELS, IMAGE_SIZE, PIXELS_PER_IMAGE, type Dataset, type ImageSet } from './types.ts';

/** The embedded default dataset. Same options → same bytes and hash everywhere. */
export async function makeSyntheticDataset(opts: SyntheticOptions = {}): Promise<Dataset> {
  const seed = opts.seed ?? SYNTHETIC_DEFAULTS.seed;
  const trainSize = opts.trainSize ?? SYNTHETIC_DEFAULTS.trainSize;
  const validationSize = opts.validationSize ?? SYNTHETIC_DEFAULTS.validationSize;
  const content = generateSynthetic({ seed, trainSize, validationSize });
  return {
    id: 'synthetic',
    name: `Synthetic shapes (seed ${seed})`,
    ...content,
    source: { kind: 'synthetic', seed, trainSize, validationSize },
    hash: await hashDataset(content),
  };
}

export interface CifarDatasetOptions {
  /** Defaults to "cifar10". */
  id?: string;
  /** Defaults to "CIFAR-10" plus the sizes when they are not the full 50000/10000. */
  name?: string;
  /** Where the files came from (a path, a URL, "dropped files"); recorded in `source`. */
  origin?: string;
}

/**
 * Real CIFAR-10 from what a user has: loose batch files, the official archive, or a mix.
 * Throws DatasetError naming the offending file when something is wrong.
 */
export async function datasetFromCifarFiles(files: readonly NamedFile[], opts: CifarDatasetOptions = {}): Promise<Dataset> {
  const parts = collectCifarFiles(files);
  const full = parts.train.count === 50000 && parts.validation.count === 10000;
  const content = { classNames: parts.classNames, train: parts.train, validation: parts.validation };
  return {
    id: opts.id ?? 'cifar10',
    name: opts.name ?? (full ? 'CIFAR-10' : `CIFAR-10 (${parts.train.count} train / ${parts.validation.count} validation)`),
    ...content,
    source: { kind: 'cifar10', origin: opts.origin ?? files.map((f) => f.name).join(', ') },
    hash: await hashDataset(content),
  };
}

/** The small JSON description the page and the results files carry. */
export interface DatasetSummary {
  id: string;
  name: string;
  trainSize: number;
  validationSize: number;
  classNames: string[];
  /** Training images per class, in label order. */
  classCounts: number[];
  hash: string;
}

export function summarizeDataset(d: Dataset): DatasetSummary {
  return {
    id: d.id,
    name: d.name,
    trainSize: d.train.count,
    validationSize: d.validation.count,
    classNames: [...d.classNames],
    classCounts: countClasses(d.train, d.classNames.length),
    hash: d.hash,
  };
}

const BYTE_TO_UNIT = (() => {
  const t = new Float32Array(256);
  for (let i = 0; i < 256; i++) t[i] = i / 255;
  return t;
})();

/**
 * Planar bytes → NHWC floats in [0, 1], the CNN's input layout ([n, 32, 32, 3]).
 * `indices` picks images (e.g. a minibatch) without first copying the set; `out`
 * lets a training loop reuse one buffer across batches.
 */
export function toFloatImagesNHWC(set: ImageSet, indices?: ArrayLike<number>, out?: Float32Array): Float32Array {
  const n = indices ? indices.length : set.count;
  const size = n * PIXELS_PER_IMAGE;
  const dst = out && out.length >= size ? out : new Float32Array(size);
  const plane = IMAGE_SIZE * IMAGE_SIZE;
  const src = set.pixels;
  for (let k = 0; k < n; k++) {
    const i = indices ? indices[k] : k;
    if (!(i >= 0 && i < set.count)) throw new RangeError(`image index ${i} outside 0..${set.count - 1}`);
    const s = i * PIXELS_PER_IMAGE;
    let o = k * PIXELS_PER_IMAGE;
    for (let p = 0; p < plane; p++, o += CHANNELS) {
      dst[o] = BYTE_TO_UNIT[src[s + p]];
      dst[o + 1] = BYTE_TO_UNIT[src[s + plane + p]];
      dst[o + 2] = BYTE_TO_UNIT[src[s + 2 * plane + p]];
    }
  }
  return dst;
}
