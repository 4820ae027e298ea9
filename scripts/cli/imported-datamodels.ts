import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { classifyNpyFiles, importDatamodels, importDatasetOf } from '../../workers/engine/npy/import-datamodels';
import { datamodelHandle, type AttributionProvider } from '../../workers/engine/experiment/attribution-stage';

/**
 * Wraps the attribution provider so that methods with estimator "imported" read datamodels
 * computed elsewhere (`--datamodels beta.npy[,intercepts.npy]`), validated against the
 * dataset's sizes; every other estimator is built as usual.
 */
export function withImportedDatamodels(base: AttributionProvider, paths: string | undefined): AttributionProvider {
  return async (a) => {
    if (a.estimator !== 'imported') return base(a);
    if (!paths) throw new Error('A method reads estimator "imported": pass --datamodels beta.npy[,intercepts.npy]');
    const files = paths.split(',').map((p) => ({ name: basename(p), bytes: new Uint8Array(readFileSync(p)) }));
    const started = performance.now();
    const { datamodels } = importDatamodels(classifyNpyFiles(files), importDatasetOf(a.dataset, a.labels));
    return datamodelHandle(datamodels, { estimator: 'imported', seconds: (performance.now() - started) / 1000, modelsTrained: 0, fromCache: false });
  };
}
