import type { BlobStore } from '../cache/blob-store';
import type { Compute, Ensemble } from '../compute/types';
import { mapGroups, noiseFloor, type ByGroup, type GroupOutputs } from '../metrics';
import { ensemblePredictor, evaluateOutputs } from './evaluate-outputs';
import { originalsCurvature, type OriginalsCurvature } from './originals-curvature';
import { trainOrLoadEnsemble } from './reference';
import type { EnsembleOutputs, ExperimentResults } from './results';
import type { ExperimentSetup } from './setup';
import type { StageClock } from './stage-clock';

export interface TrainedReference {
  ensemble: Ensemble;
  trainSeconds: number;
  outputs: ByGroup<GroupOutputs>;
  json: EnsembleOutputs;
}

/** The reference ensembles of a run; the caller disposes them (every `ensemble`). */
export interface References {
  originals: TrainedReference;
  oracles: TrainedReference;
  /** The second, disjoint oracle ensemble (noise floor), kept: it is also Retrain. */
  second: TrainedReference | null;
  json: ExperimentResults['reference'];
  /** The originals' K-FAC curvature, computed on first use (group Newton, IU). */
  curvature: () => Promise<OriginalsCurvature>;
}

export interface StageContext {
  compute: Compute;
  store: BlobStore;
  /** Engine and backend, for cache keys (implementations differ in the last bits). */
  implementation: string;
  clock: StageClock;
  signal?: AbortSignal;
  warn: (message: string) => void;
}

/**
 * How every reference ensemble of this experiment trains (the recipe, the data, where):
 * the originals, the oracles and, when no second oracle ensemble exists, Retrain's own.
 */
export function referenceRecipe(s: ExperimentSetup, c: StageContext) {
  return {
    datasetHash: s.trainSet.hash,
    spec: s.x.model,
    training: s.x.training,
    models: s.x.ensemble.models,
    seed: s.x.seed,
    inputDim: s.inputDim,
    labels: s.labels,
    classes: s.classes,
    implementation: c.implementation,
    compute: c.compute,
    store: c.store,
    signal: c.signal,
    warn: c.warn,
  };
}

/**
 * Stage 2: originals (on S), oracles (on R), and — for the noise floor — a second oracle
 * ensemble with its own seeds, each trained or loaded from the cache and evaluated. The
 * noise floor is the KLoM of the second oracles against the first: what "indistinguishable
 * from Retrain" scores at this N.
 */
export async function trainReferences(s: ExperimentSetup, c: StageContext): Promise<References> {
  const held: Ensemble[] = [];
  const common = referenceRecipe(s, c);
  const train = async (role: string, stage: string, name: string, indices: Int32Array): Promise<TrainedReference> => {
    const t = await c.clock.timed(name, () => trainOrLoadEnsemble({ ...common, role, stage, indices, onProgress: c.clock.progressFor(stage) }));
    held.push(t.ensemble);
    const ev = await c.clock.within('evaluation', () => evaluateOutputs(s, ensemblePredictor(t.ensemble), s.x.ensemble.models, t.ensemble));
    return { ensemble: t.ensemble, trainSeconds: t.trainSeconds, outputs: ev.outputs, json: ev.json };
  };
  try {
    const originals = await train('originals', 'Originals', 'originals', allRows(s.dataset.train.count));
    const oracles = await train('oracles', 'Oracles', 'oracles', s.resolution.retain);
    const second = s.x.evaluation.noiseFloor ? await train('oracles-2', 'Second oracles', 'second oracles', s.resolution.retain) : null;
    return {
      originals,
      oracles,
      second,
      curvature: originalsCurvature(s, originals.ensemble),
      json: {
        originals: originals.json,
        oracles: oracles.json,
        secondOracles: second?.json ?? null,
        noiseFloor: second ? noiseFloor(mapGroups((g) => oracles.outputs[g].margins), mapGroups((g) => second.outputs[g].margins)) : null,
      },
    };
  } catch (e) {
    for (const h of held) h.dispose();
    throw e;
  }
}

export function disposeReferences(r: References): void {
  for (const t of [r.originals, r.oracles, r.second]) t?.ensemble.dispose();
}

function allRows(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i);
}
