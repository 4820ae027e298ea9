import { PIXELS_PER_IMAGE, IMAGE_SIZE, type Dataset, type ImageSet } from '../data/types';
import { Rng, deriveSeed } from '../util/rng';
import { kmeans } from './kmeans';
import { ExperimentError, type ForgetRule } from './schema';

/**
 * What a forget rule resolves to. For `mislabeled` and `backdoor` the rule also changes
 * the TRAINING data (the originals must have learned the bad points for there to be
 * something to unlearn), so the resolution carries the training labels/pixels to use.
 */
export interface ForgetResolution {
  forget: Int32Array;
  retain: Int32Array;
  /** Labels the models train on (modified for mislabeled/backdoor points). */
  trainLabels: Uint8Array;
  /** Pixels the models train on (triggered for backdoor points). */
  trainPixels: Uint8Array;
  /** True labels of the forget points (differ from trainLabels for injected points). */
  trueForgetLabels: Uint8Array;
  poisoning: { kind: 'none' } | { kind: 'mislabeled' } | { kind: 'backdoor'; targetClass: number; patchSize: number };
}

/** Stamps the backdoor trigger (a black/white checkerboard in the bottom-right corner) on one image. */
export function stampTrigger(pixels: Uint8Array, image: number, patchSize: number): void {
  const plane = IMAGE_SIZE * IMAGE_SIZE;
  const base = image * PIXELS_PER_IMAGE;
  for (let y = IMAGE_SIZE - 1 - patchSize; y < IMAGE_SIZE - 1; y++) {
    for (let x = IMAGE_SIZE - 1 - patchSize; x < IMAGE_SIZE - 1; x++) {
      const v = (x + y) % 2 === 0 ? 255 : 0;
      for (let ch = 0; ch < 3; ch++) pixels[base + ch * plane + y * IMAGE_SIZE + x] = v;
    }
  }
}

/** Validation images not of the target class, with the trigger stamped (for the attack success rate). */
export function triggeredValidation(validation: ImageSet, targetClass: number, patchSize: number): { set: ImageSet; sourceRows: Int32Array } {
  const rows: number[] = [];
  for (let i = 0; i < validation.count; i++) if (validation.labels[i] !== targetClass) rows.push(i);
  const pixels = new Uint8Array(rows.length * PIXELS_PER_IMAGE);
  const labels = new Uint8Array(rows.length);
  rows.forEach((r, k) => {
    pixels.set(validation.pixels.subarray(r * PIXELS_PER_IMAGE, (r + 1) * PIXELS_PER_IMAGE), k * PIXELS_PER_IMAGE);
    labels[k] = validation.labels[r];
    stampTrigger(pixels, k, patchSize);
  });
  return { set: { pixels, labels, count: rows.length }, sourceRows: Int32Array.from(rows) };
}

function complement(n: number, forget: Int32Array): Int32Array {
  const inForget = new Uint8Array(n);
  for (const i of forget) inForget[i] = 1;
  const out = new Int32Array(n - forget.length);
  let k = 0;
  for (let i = 0; i < n; i++) if (!inForget[i]) out[k++] = i;
  return out;
}

function sortedUnique(values: ArrayLike<number>): Int32Array {
  return Int32Array.from(new Set(Array.from(values))).sort();
}

function classRows(labels: Uint8Array, c: number): number[] {
  const rows: number[] = [];
  for (let i = 0; i < labels.length; i++) if (labels[i] === c) rows.push(i);
  return rows;
}

/** Rows of `rows` ordered by distance to their mean feature vector (nearest first). */
function byDistanceToMean(rows: number[], features: Float32Array, dim: number): number[] {
  const mean = new Float64Array(dim);
  for (const r of rows) for (let j = 0; j < dim; j++) mean[j] += features[r * dim + j] / rows.length;
  const d = rows.map((r) => {
    let s = 0;
    for (let j = 0; j < dim; j++) s += (features[r * dim + j] - mean[j]) ** 2;
    return s;
  });
  return rows.map((r, i) => [r, d[i]] as const).sort((a, b) => a[1] - b[1] || a[0] - b[0]).map(([r]) => r);
}

/**
 * Resolves a forget rule on a dataset into forget/retain indices and the training data.
 * `features` (train pool × dim, the fixed features) are needed by `class` caps and
 * `subpopulation`. Throws ExperimentError with a specific message for impossible sets.
 */
export function resolveForgetSet(rule: ForgetRule, dataset: Dataset, seed: number, features?: { values: Float32Array; dim: number }): ForgetResolution {
  const n = dataset.train.count;
  const rng = new Rng(deriveSeed(seed, 'forget', rule.kind));
  const trainLabels = dataset.train.labels;
  let trainPixels = dataset.train.pixels;
  let labelsOut = trainLabels;
  let poisoning: ForgetResolution['poisoning'] = { kind: 'none' };
  let forget: Int32Array;
  const needFeatures = () => {
    if (!features) throw new ExperimentError(`The "${rule.kind}" forget rule needs the dataset's features`);
    return features;
  };
  switch (rule.kind) {
    case 'indices': {
      const bad = rule.indices.find((i) => i >= n);
      if (bad !== undefined) throw new ExperimentError(`Forget index ${bad} is outside the train pool (0–${n - 1})`);
      forget = sortedUnique(rule.indices);
      break;
    }
    case 'random':
      forget = sortedUnique(rng.sample(n, rule.count));
      break;
    case 'class': {
      let rows = classRows(trainLabels, rule.classIndex);
      if (rule.count !== undefined && rule.count < rows.length) {
        const f = needFeatures();
        rows = byDistanceToMean(rows, f.values, f.dim).slice(0, rule.count);
      }
      forget = sortedUnique(rows);
      break;
    }
    case 'subpopulation': {
      const f = needFeatures();
      const rows = classRows(trainLabels, rule.classIndex);
      if (rule.cluster >= rule.clusters) throw new ExperimentError(`Cluster ${rule.cluster} does not exist: there are ${rule.clusters} clusters (0–${rule.clusters - 1})`);
      const sub = new Float32Array(rows.length * f.dim);
      rows.forEach((r, k) => sub.set(f.values.subarray(r * f.dim, (r + 1) * f.dim), k * f.dim));
      const km = kmeans(sub, rows.length, f.dim, rule.clusters, deriveSeed(seed, 'kmeans'));
      // clusters sorted by size (largest first) so "cluster 0" is stable and sizeable
      const sizes = Array.from({ length: rule.clusters }, (_, c) => ({ c, size: 0 }));
      for (const a of km.assignment) sizes[a].size++;
      sizes.sort((a, b) => b.size - a.size || a.c - b.c);
      const chosen = sizes[rule.cluster].c;
      const members = rows
        .map((r, k) => ({ r, k }))
        .filter(({ k }) => km.assignment[k] === chosen)
        .sort((a, b) => km.distances[a.k] - km.distances[b.k] || a.r - b.r)
        .slice(0, rule.count)
        .map(({ r }) => r);
      forget = sortedUnique(members);
      break;
    }
    case 'mislabeled': {
      forget = sortedUnique(rng.sample(n, rule.count));
      labelsOut = trainLabels.slice();
      const classes = dataset.classNames.length;
      for (const i of forget) labelsOut[i] = (trainLabels[i] + 1 + rng.int(classes - 1)) % classes;
      poisoning = { kind: 'mislabeled' };
      break;
    }
    case 'backdoor': {
      const candidates: number[] = [];
      for (let i = 0; i < n; i++) if (trainLabels[i] !== rule.targetClass) candidates.push(i);
      const picked = rng.sample(candidates.length, rule.count);
      forget = sortedUnique(Array.from(picked, (k) => candidates[k]));
      labelsOut = trainLabels.slice();
      trainPixels = dataset.train.pixels.slice();
      for (const i of forget) {
        labelsOut[i] = rule.targetClass;
        stampTrigger(trainPixels, i, rule.patchSize);
      }
      poisoning = { kind: 'backdoor', targetClass: rule.targetClass, patchSize: rule.patchSize };
      break;
    }
  }
  if (forget.length === 0) throw new ExperimentError('The forget set is empty: pick at least one training image to forget');
  if (forget.length >= n) throw new ExperimentError(`The forget set covers the whole train pool (${n} images): nothing would be left to retrain on`);
  return {
    forget,
    retain: complement(n, forget),
    trainLabels: labelsOut,
    trainPixels,
    trueForgetLabels: Uint8Array.from(forget, (i) => trainLabels[i]),
    poisoning,
  };
}

/** The dataset the originals train on: the base one, or a poisoned copy with its own hash. */
export function trainingDataset(dataset: Dataset, r: ForgetResolution, rule: ForgetRule): Dataset {
  if (r.poisoning.kind === 'none') return dataset;
  return {
    ...dataset,
    train: { pixels: r.trainPixels, labels: r.trainLabels, count: dataset.train.count },
    hash: `${dataset.hash}+${rule.kind}:${JSON.stringify(rule)}`,
  };
}
