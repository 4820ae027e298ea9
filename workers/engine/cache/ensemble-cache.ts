import type { Compute, Ensemble } from '../compute/types';
import type { ModelSpec } from '../models/spec';
import { parameterShapes } from '../models/weights';
import { loadArtifact, saveArtifact } from './artifact';
import type { BlobStore } from './blob-store';

/** Layout of a cached ensemble: every model's parameters in ModelWeights order, model after model. */
interface Header {
  layout: 'models';
  spec: ModelSpec;
  size: number;
  inputDim: number;
  classes: number;
  trainSeconds: number;
}

/** A cached ensemble (rebuilt on `compute`) and how long it took to train originally (for cost accounting). */
export async function loadEnsemble(store: BlobStore, key: string, compute: Compute): Promise<{ ensemble: Ensemble; trainSeconds: number } | null> {
  const a = await loadArtifact<Header>(store, key);
  if (!a || a.header.layout !== 'models') return null;
  const { spec, size, inputDim, classes, trainSeconds } = a.header;
  const per = parameterShapes(spec, inputDim, classes).length;
  if (a.arrays.length !== size * per) return null;
  const weights = Array.from({ length: size }, (_, m) => a.arrays.slice(m * per, (m + 1) * per));
  return { ensemble: await compute.ensembleFromWeights(spec, inputDim, classes, weights), trainSeconds };
}

export async function saveEnsemble(store: BlobStore, key: string, e: Ensemble, trainSeconds: number): Promise<string | null> {
  const weights = await e.weights();
  return saveArtifact<Header>(store, key, {
    header: { layout: 'models', spec: e.spec, size: e.size, inputDim: e.inputDim, classes: e.classes, trainSeconds },
    arrays: weights.flat(),
  });
}
