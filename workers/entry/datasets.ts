/**
 * Builds the Dataset a DatasetChoice names, in the worker: generates the embedded
 * synthetic set, fetches a prepared folder, or decodes files the user dropped. Also
 * packs the training images for the page's grid as transferable buffers.
 */
import { datasetFromCifarFiles, makeSyntheticDataset } from '../engine/data/dataset';
import { loadPreparedDataset } from '../engine/data/prepared';
import type { Dataset } from '../engine/data/types';
import type { DatasetChoice } from './lab-api';

export async function resolveDataset(choice: DatasetChoice): Promise<Dataset> {
  switch (choice.kind) {
    case 'synthetic':
      return makeSyntheticDataset({ seed: choice.seed, trainSize: choice.trainSize, validationSize: choice.validationSize });
    case 'prepared': {
      // Relative URLs resolve against the worker script, which is not the page; anchor them to the origin.
      const base = new URL(choice.baseUrl, self.location.origin).href;
      return loadPreparedDataset(base, (url) => fetch(url));
    }
    case 'files': {
      const files = await Promise.all(
        choice.files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
      );
      return datasetFromCifarFiles(files, { origin: `dropped files (${choice.files.map((f) => f.name).join(', ')})` });
    }
  }
}

/**
 * Copies of the training pixels and labels as standalone ArrayBuffers, ready to be
 * transferred: the worker keeps its own bytes for training, the page gets the copy
 * without a second structured clone.
 */
export function trainImagesForPage(dataset: Dataset): { pixels: ArrayBuffer; labels: ArrayBuffer } {
  const { pixels, labels, count } = dataset.train;
  return {
    pixels: pixels.slice(0, count * 3072).buffer,
    labels: labels.slice(0, count).buffer,
  };
}
