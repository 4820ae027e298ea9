import { embeddingOf } from './embedding';
import type { Ensemble } from '../compute/types';
import type { ByGroup, GroupOutputs } from '../metrics';
import { mapGroups } from '../metrics';
import { argmaxRate, confusionCounts, groupOutputs, toEnsembleOutputs, type GroupLogits } from './outputs';
import type { EnsembleOutputs } from './results';
import type { ExperimentSetup } from './setup';

/** Logits [N × rows × C] of some models on rows of the train pool or the validation set. */
export type Predictor = (set: 'train' | 'validation', rows: Int32Array) => Promise<Float32Array>;

export const ensemblePredictor =
  (e: Ensemble): Predictor =>
  (set, rows) =>
    e.predict(set, rows);

/**
 * The outputs of N models (an ensemble, or a predictor such as DM-direct) on every
 * evaluated point: margins and correctness for the metrics, the JSON form for the results
 * file, and the scenario's extras (true-label accuracy of relabelled points; attack success
 * on triggered images, which needs a model to run).
 */
export async function evaluateOutputs(
  s: ExperimentSetup,
  predict: Predictor,
  models: number,
  ensemble: Ensemble | null,
): Promise<{ outputs: ByGroup<GroupOutputs>; json: EnsembleOutputs }> {
  const logits: GroupLogits = {
    forget: await predict('train', s.points.forget),
    retain: await predict('train', s.points.retain),
    validation: await predict('validation', s.points.validation),
  };
  const outputs = groupOutputs(logits, s.groupLabels, models, s.classes);
  const json = toEnsembleOutputs(outputs);
  json.confusion = mapGroups((g) => {
    const labels = s.groupLabels[g];
    return confusionCounts(logits[g], models, labels.length, s.classes, (r) => labels[r]);
  });
  const poisoning = s.resolution.poisoning;
  if (poisoning.kind !== 'none') {
    json.forgetTrueLabelAccuracy = argmaxRate(logits.forget, models, s.points.forget.length, s.classes, (r) => s.resolution.trueForgetLabels[r]);
  }
  const trainInputs = s.inputs.sets.train;
  if (ensemble && trainInputs) {
    const [first] = await ensemble.weights(1);
    const embedding = first ? await embeddingOf(ensemble.spec, first, trainInputs, s.points.forget, s.points.retain) : null;
    if (embedding) json.embedding = embedding;
  }
  if (poisoning.kind === 'backdoor' && ensemble) {
    const target = poisoning.targetClass;
    json.attackSuccess = argmaxRate(await ensemble.predict('trigger'), models, s.triggerCount, s.classes, () => target);
  }
  return { outputs, json };
}
