import { argmax } from '../util/logits';
import { marginAt } from '../metrics/margin';
import { nativeRemovalEffect } from './native-removal';
import type { Datamodels } from './types';

/**
 * The instant preview (DM-direct's view of the whole dataset): what retraining without F
 * is predicted to do to every point, from the datamodels and the originals' logits alone,
 * in one removal-effect pass per set. Fast enough to rerun on every click of the forget-set
 * picker (bench: preview.test.ts measures it at the CIFAR-subset size).
 *
 * Uses the MEAN logits over the N originals (one prediction per point, enough for a
 * preview); DMM's per-model targets come from predicted-oracle.ts instead.
 */
export interface PreviewInput {
  datamodels: Datamodels;
  /** Mean logits of the originals: train pool [n × C] and validation [v × C]. */
  originalLogits: { train: Float32Array; validation: Float32Array };
  labels: { train: Uint8Array; validation: Uint8Array };
  forget: Int32Array;
}

export interface Accuracies {
  before: number;
  after: number;
}

export interface RemovalPreview {
  /** Predicted margins after removing F. */
  margins: { train: Float32Array; validation: Float32Array };
  /** Margins of the originals (mean logits). */
  before: { train: Float32Array; validation: Float32Array };
  /** after − before, per point. */
  change: { train: Float32Array; validation: Float32Array };
  /** Argmax accuracy (first largest logit, as metrics/accuracy.ts) of the mean logits, before and predicted after. */
  accuracy: { forget: Accuracies; retain: Accuracies; validation: Accuracies };
  seconds: number;
}

export function previewRemoval(input: PreviewInput): RemovalPreview {
  const start = performance.now();
  const { datamodels: dm, originalLogits, labels, forget } = input;
  const c = dm.classes;
  const n = dm.trainSize;
  if (originalLogits.train.length !== n * c || originalLogits.validation.length !== dm.validationSize * c) {
    throw new RangeError('preview: original logits do not match the datamodels’ sizes');
  }
  const side = (set: 'train' | 'validation') => {
    const z = originalLogits[set];
    const y = labels[set];
    const effect = nativeRemovalEffect(dm, forget, set) ?? dm.removalEffect(forget, set);
    const rows = y.length;
    const before = new Float32Array(rows);
    const after = new Float32Array(rows);
    const change = new Float32Array(rows);
    const correctBefore = new Uint8Array(rows);
    const correctAfter = new Uint8Array(rows);
    const shifted = new Float32Array(c);
    for (let r = 0; r < rows; r++) {
      const o = r * c;
      for (let j = 0; j < c; j++) shifted[j] = z[o + j] - effect[o + j];
      before[r] = marginAt(z, o, c, y[r]);
      after[r] = marginAt(shifted, 0, c, y[r]);
      change[r] = after[r] - before[r];
      correctBefore[r] = argmax(z, o, c) === y[r] ? 1 : 0;
      correctAfter[r] = argmax(shifted, 0, c) === y[r] ? 1 : 0;
    }
    return { before, after, change, correctBefore, correctAfter };
  };
  const train = side('train');
  const validation = side('validation');
  const inForget = new Uint8Array(n);
  for (const i of forget) inForget[i] = 1;
  const acc = (correct: Uint8Array, pick: (i: number) => boolean) => {
    let hit = 0;
    let count = 0;
    for (let i = 0; i < correct.length; i++) {
      if (!pick(i)) continue;
      count++;
      hit += correct[i];
    }
    return count ? hit / count : NaN;
  };
  const group = (pick: (i: number) => boolean, s: typeof train) => ({ before: acc(s.correctBefore, pick), after: acc(s.correctAfter, pick) });
  return {
    margins: { train: train.after, validation: validation.after },
    before: { train: train.before, validation: validation.before },
    change: { train: train.change, validation: validation.change },
    accuracy: {
      forget: group((i) => inForget[i] === 1, train),
      retain: group((i) => inForget[i] === 0, train),
      validation: group(() => true, validation),
    },
    seconds: (performance.now() - start) / 1000,
  };
}

