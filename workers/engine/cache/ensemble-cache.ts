import { ensembleFromWeights, readWeights, type Ensemble, type EnsembleWeights } from '../models/ensemble';
import { loadArtifact, saveArtifact } from './artifact';
import type { BlobStore } from './blob-store';

type Header = Omit<EnsembleWeights, 'tensors'> & { shapes: number[][]; trainSeconds: number };

/** A cached ensemble and how long it took to train originally (for cost accounting). */
export async function loadEnsemble(store: BlobStore, key: string): Promise<{ ensemble: Ensemble; trainSeconds: number } | null> {
  const a = await loadArtifact<Header>(store, key);
  if (!a || a.arrays.length !== a.header.shapes.length) return null;
  const { shapes, trainSeconds, ...rest } = a.header;
  const ensemble = ensembleFromWeights({ ...rest, tensors: shapes.map((shape, i) => ({ shape, values: a.arrays[i] })) });
  return { ensemble, trainSeconds };
}

export async function saveEnsemble(store: BlobStore, key: string, e: Ensemble, trainSeconds: number): Promise<string | null> {
  const w = await readWeights(e);
  return saveArtifact<Header>(store, key, {
    header: { spec: w.spec, size: w.size, inputDim: w.inputDim, classes: w.classes, shapes: w.tensors.map((t) => t.shape), trainSeconds },
    arrays: w.tensors.map((t) => t.values),
  });
}
