/** Per-model accuracy from logits [N × rows × C] and labels. */
export function accuracyFromLogits(logits: Float32Array, models: number, classes: number, labels: ArrayLike<number>): number[] {
  const rows = labels.length;
  const acc: number[] = [];
  for (let m = 0; m < models; m++) {
    let correct = 0;
    for (let r = 0; r < rows; r++) {
      const base = (m * rows + r) * classes;
      let best = 0;
      for (let k = 1; k < classes; k++) if (logits[base + k] > logits[base + best]) best = k;
      if (best === labels[r]) correct++;
    }
    acc.push(rows ? correct / rows : NaN);
  }
  return acc;
}
