import { existsSync } from 'node:fs';
import { resolveDatasetArg, hasSharedCifarSubset } from '../../workers/engine/data/cifar-files.node.ts';
import type { Dataset } from '../../workers/engine/data/types';
import type { Experiment } from '../../workers/engine/experiment/schema';

/**
 * The dataset an experiment names: `--dataset` wins; else the config's id: 'synthetic'
 * (generated with the config's seed and sizes), a prepared CIFAR-10 folder
 * (public/datasets/<id>), or the shared development subset for 'cifar10-subset'.
 */
export async function datasetForExperiment(x: Experiment, override?: string): Promise<Dataset> {
  if (override) return resolveDatasetArg(override, { seed: x.dataset.syntheticSeed, trainSize: x.dataset.trainSize, validationSize: x.dataset.validationSize });
  if (x.dataset.id === 'synthetic') return resolveDatasetArg('synthetic', { seed: x.dataset.syntheticSeed, trainSize: x.dataset.trainSize, validationSize: x.dataset.validationSize });
  const prepared = `public/datasets/${x.dataset.id}`;
  if (existsSync(prepared)) return resolveDatasetArg(`cifar10:${prepared}`);
  if (x.dataset.id === 'cifar10-subset' && hasSharedCifarSubset()) return resolveDatasetArg('cifar10-subset');
  throw new Error(`Dataset "${x.dataset.id}" is not here: pass --dataset cifar10:PATH, or prepare it with npm run data:cifar10 -- --from PATH`);
}
