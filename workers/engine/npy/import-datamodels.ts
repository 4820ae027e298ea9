import { DenseDatamodels } from '../attribution/dense';
import type { NamedFile } from '../data/cifar-archive';
import type { Dataset } from '../data/types';
import { NpyError, parseNpy, type NpyArray } from './npy';

/**
 * Datamodels and margins computed elsewhere (full CIFAR-10, ResNets, thousands of models
 * on a GPU cluster), imported from `.npy` and checked against the dataset loaded in the
 * lab, so that a β for a different split is refused with both shapes in the message
 * instead of silently attributing to the wrong images.
 *
 * Layouts (C order, targets = the train pool in order, then the validation set):
 * - weights:    [n_train, n_targets] margin datamodels, or [n_train, n_targets, C] per logit
 * - intercepts: optional, [n_targets] or [n_targets, C] to match (zeros if absent; the LDS
 *               does not need them, predictions of absolute outputs do)
 * - margins:    optional, [models, n_targets]: margins of trained models on every target
 */
/** What the import is checked against: the loaded dataset's sizes and training labels. */
export interface ImportDataset {
  trainSize: number;
  validationSize: number;
  classes: number;
  /** Needed to place margin datamodels on the true-label logit. */
  trainLabels: Uint8Array;
  validationLabels: Uint8Array;
}

/** The ImportDataset of a loaded dataset (labels as trained on: pass injected ones if any). */
export function importDatasetOf(d: Dataset, trainLabels: Uint8Array = d.train.labels): ImportDataset {
  return {
    trainSize: d.train.count,
    validationSize: d.validation.count,
    classes: d.classNames.length,
    trainLabels,
    validationLabels: d.validation.labels,
  };
}

export interface DatamodelFiles {
  weights: NamedFile;
  intercepts?: NamedFile;
  margins?: NamedFile;
}

export interface ImportedDatamodels {
  datamodels: DenseDatamodels;
  /** [models × targets], when a margins file was given. */
  margins?: { models: number; points: number; values: Float32Array };
}

/**
 * Largest β accepted, in values (512 MB as float32). A full per-logit β for 5,000 × 6,000 × 10
 * is 300M values (1.2 GB): better refused with a reason than crash the tab.
 */
export const MAX_IMPORT_VALUES = 2 ** 27;

const shapeText = (s: number[]) => `(${s.join(', ')})`;

export function importDatamodels(files: DatamodelFiles, summary: ImportDataset): ImportedDatamodels {
  const n = summary.trainSize;
  const t = n + summary.validationSize;
  const c = summary.classes;
  const targetsNote = `n_targets = train pool ${n} + validation ${summary.validationSize}`;
  const w = parseNpy(files.weights.bytes, files.weights.name);
  const perLogit = w.shape.length === 3;
  const matches = w.shape[0] === n && w.shape[1] === t && (w.shape.length === 2 || (perLogit && w.shape[2] === c));
  if (!matches) {
    throw new NpyError(
      files.weights.name,
      `shape ${shapeText(w.shape)} does not match the dataset: expected (n_train, n_targets) = ${shapeText([n, t])} or (n_train, n_targets, classes) = ${shapeText([n, t, c])} (${targetsNote})`,
    );
  }
  if (w.data.length > MAX_IMPORT_VALUES) {
    throw new NpyError(files.weights.name, `${w.data.length.toLocaleString('en')} values is more than this page can hold (${MAX_IMPORT_VALUES.toLocaleString('en')}); import margin datamodels (n_train, n_targets) instead`);
  }
  assertFinite(w, files.weights.name);
  const width = perLogit ? c : 1;
  let intercept: Float32Array = new Float32Array(t * width);
  if (files.intercepts) {
    const b = parseNpy(files.intercepts.bytes, files.intercepts.name);
    const want = perLogit ? [t, c] : [t];
    if (shapeText(b.shape) !== shapeText(want)) {
      throw new NpyError(files.intercepts.name, `shape ${shapeText(b.shape)} does not match the weights: expected ${shapeText(want)} (${targetsNote})`);
    }
    assertFinite(b, files.intercepts.name);
    intercept = b.data;
  }
  const labels = new Uint8Array(t);
  labels.set(summary.trainLabels);
  labels.set(summary.validationLabels, n);
  const datamodels = new DenseDatamodels({
    trainSize: n,
    validationSize: summary.validationSize,
    classes: c,
    estimator: 'imported',
    output: perLogit ? 'logits' : 'margin',
    cost: { seconds: 0, modelsTrained: 0 },
    info: { source: files.weights.name, dtype: w.dtype, intercepts: files.intercepts ? files.intercepts.name : 'none (zeros)' },
    beta: w.data,
    intercept,
    labels,
  });
  const result: ImportedDatamodels = { datamodels };
  if (files.margins) {
    const m = parseNpy(files.margins.bytes, files.margins.name);
    if (m.shape.length !== 2 || m.shape[1] !== t || m.shape[0] < 1) {
      throw new NpyError(files.margins.name, `shape ${shapeText(m.shape)} does not match the dataset: expected (models, n_targets) = (models, ${t}) (${targetsNote})`);
    }
    result.margins = { models: m.shape[0], points: t, values: m.data };
  }
  return result;
}

function assertFinite(a: NpyArray, name: string): void {
  for (let i = 0; i < a.data.length; i++) {
    if (!Number.isFinite(a.data[i])) throw new NpyError(name, `non-finite value ${a.data[i]} at flat index ${i}`);
  }
}

/**
 * Sorts dropped files into roles by name: "*margin*" → margins, "*intercept*" or "*bias*" →
 * intercepts, the one remaining `.npy` → weights. Ambiguity is an error, not a guess.
 */
export function classifyNpyFiles(files: NamedFile[]): DatamodelFiles {
  const npy = files.filter((f) => /\.npy$/i.test(f.name));
  const base = (f: NamedFile) => f.name.split(/[\\/]/).pop()!.toLowerCase();
  const margins = npy.filter((f) => base(f).includes('margin'));
  const intercepts = npy.filter((f) => /intercept|bias/.test(base(f)));
  const weights = npy.filter((f) => !margins.includes(f) && !intercepts.includes(f));
  const one = (list: NamedFile[], role: string, required: boolean) => {
    if (list.length > 1) throw new NpyError(list.map((f) => f.name).join(', '), `several files look like ${role}; drop one`);
    if (required && list.length === 0) throw new NpyError(files.map((f) => f.name).join(', ') || '(no files)', `no .npy file with datamodel ${role}`);
    return list[0];
  };
  return { weights: one(weights, 'weights', true)!, intercepts: one(intercepts, 'intercepts', false), margins: one(margins, 'margins', false) };
}
