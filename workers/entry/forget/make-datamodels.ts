/**
 * Datamodels for the preview without running an experiment: computed on demand (TRAK, last
 * layer, on a quickly trained ensemble of originals) or imported from .npy files. Both are
 * handed to the holder, which keeps and saves them.
 */
import { trakDatamodels } from '../../engine/attribution/trak';
import type { Compute } from '../../engine/compute/types';
import type { Dataset } from '../../engine/data/types';
import { meanOverModels } from '../../engine/experiment/outputs';
import { ensembleSeeds } from '../../engine/experiment/reference';
import { inputDimOf, modelInputs } from '../../engine/models/inputs';
import type { ModelSpec } from '../../engine/models/spec';
import { classifyNpyFiles, importDatamodels, importDatasetOf } from '../../engine/npy/import-datamodels';
import type { Progress } from '../../engine/train/progress';
import { trainEnsemble } from '../../engine/train/train-ensemble';
import type { TrainingOptions } from '../../engine/train/training-schema';
import { deriveSeed } from '../../engine/util/rng';
import { datamodelsInfo, datamodelsSaved, rememberDatamodels, type DatamodelsInfo } from './datamodels-holder';

export interface DatamodelsRequest {
  spec: ModelSpec;
  training: TrainingOptions;
  seed: number;
  models: number;
}

/** TRAK's scale calibration for the on-page preview: 4 subset models (the engine's default is 8), half the wait. */
const PREVIEW_CALIBRATION_MODELS = 4;

/**
 * Datamodels for the preview without running an experiment: trains `models` originals
 * with the experiment's model and recipe, then TRAK on their last layer (labelled as such).
 */
export async function computeDatamodels(compute: Compute, dataset: Dataset, req: DatamodelsRequest, onProgress: (p: Progress) => void): Promise<DatamodelsInfo> {
  const inputs = await modelInputs(dataset, req.spec, (f) => onProgress({ stage: 'Features', done: f, total: 1, secondsLeft: null }));
  await compute.setInputs(inputs);
  const classes = dataset.classNames.length;
  const inputDim = inputDimOf(req.spec);
  const { seeds, orderSeed } = ensembleSeeds(req.seed, 'originals', req.models);
  const all = Int32Array.from({ length: dataset.train.count }, (_, i) => i);
  const { ensemble } = await trainEnsemble(compute, {
    spec: req.spec, seeds, orderSeed, inputDim, labels: dataset.train.labels, classes,
    indices: all, training: req.training, stage: 'Originals', onProgress,
  });
  try {
    const dm = await trakDatamodels(ensemble, {
      spec: req.spec, training: req.training, compute, inputs, inputDim,
      labels: dataset.train.labels, validationLabels: dataset.validation.labels, classes, seed: deriveSeed(req.seed, 'attribution'), onProgress,
    }, 'trak-last-layer', { models: req.models, calibrationModels: PREVIEW_CALIBRATION_MODELS });
    const logits = { train: meanOverModels(await ensemble.predict('train'), ensemble.size), validation: meanOverModels(await ensemble.predict('validation'), ensemble.size) };
    rememberDatamodels(dm, logits, dataset.hash);
    await datamodelsSaved();
    return (await datamodelsInfo(dataset))!;
  } finally {
    ensemble.dispose();
  }
}

export interface ImportSummary extends DatamodelsInfo {
  /** β's shape as imported: [n_train, n_targets] or [n_train, n_targets, C]. */
  shape: number[];
  /** Models in the optional margins file (0 without one). */
  marginModels: number;
}

/**
 * Datamodels computed elsewhere, from `.npy` files (see engine/npy/import-datamodels.ts for
 * the layouts), checked against the loaded dataset and kept for the preview.
 */
export async function importNpyDatamodels(dataset: Dataset, files: { name: string; bytes: ArrayBuffer }[]): Promise<ImportSummary> {
  const named = files.map((f) => ({ name: f.name, bytes: new Uint8Array(f.bytes) }));
  const imported = importDatamodels(classifyNpyFiles(named), importDatasetOf(dataset));
  const dm = imported.datamodels;
  rememberDatamodels(dm, undefined, dataset.hash);
  await datamodelsSaved();
  const shape = dm.output === 'logits' ? [dm.trainSize, dm.trainSize + dm.validationSize, dm.classes] : [dm.trainSize, dm.trainSize + dm.validationSize];
  return { ...(await datamodelsInfo(dataset))!, shape, marginModels: imported.margins?.models ?? 0 };
}
