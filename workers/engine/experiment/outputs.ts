import { correctFromLogits, GROUPS, mapGroups, marginMatrix, marginsFromLogits, type ByGroup, type GroupOutputs } from '../metrics';
import type { EnsembleOutputs } from './results';

/** Logits of N models on the evaluated points of every group: [N × points × C] each. */
export type GroupLogits = ByGroup<Float32Array>;

/** Labels repeated for each model, so one call handles all N models' rows. */
function tiled(labels: ArrayLike<number>, models: number): Uint8Array {
  const out = new Uint8Array(labels.length * models);
  for (let m = 0; m < models; m++) for (let i = 0; i < labels.length; i++) out[m * labels.length + i] = labels[i];
  return out;
}

/** Margins + argmax-correctness per group, in the metrics' layout. */
export function groupOutputs(logits: GroupLogits, labels: ByGroup<ArrayLike<number>>, models: number, classes: number): ByGroup<GroupOutputs> {
  return mapGroups((g) => {
    const points = labels[g].length;
    const lab = tiled(labels[g], models);
    return {
      margins: marginMatrix(models, points, marginsFromLogits(logits[g], models * points, classes, lab)),
      correct: correctFromLogits(logits[g], models * points, classes, lab),
    };
  });
}

/** The JSON form: accuracy per model and margins [model][point], per group. */
export function toEnsembleOutputs(o: ByGroup<GroupOutputs>): EnsembleOutputs {
  const accuracy = {} as ByGroup<number[]>;
  const margins = {} as ByGroup<number[][]>;
  for (const g of GROUPS) {
    const { models, points, values } = o[g].margins;
    const correct = o[g].correct!;
    accuracy[g] = [];
    margins[g] = [];
    for (let m = 0; m < models; m++) {
      let c = 0;
      for (let p = 0; p < points; p++) c += correct[m * points + p];
      accuracy[g].push(points ? c / points : NaN);
      margins[g].push(Array.from(values.subarray(m * points, (m + 1) * points)));
    }
  }
  return { accuracy, margins };
}

export { argmaxRate, confusionCounts, meanOverModels } from '../util/logits';
