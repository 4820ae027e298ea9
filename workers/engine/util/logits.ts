/**
 * The two operations on logit arrays that every layer of the engine needs, defined once.
 * Layout everywhere: [N models × rows × C classes], row-major by model.
 */

/** Index of the largest of z[offset … offset + c − 1]; the first one on ties. */
export function argmax(z: ArrayLike<number>, offset: number, c: number): number {
  let best = 0;
  for (let j = 1; j < c; j++) if (z[offset + j] > z[offset + best]) best = j;
  return best;
}

/** Mean over models of logits [N × rows × C] → [rows × C]. */
export function meanOverModels(logits: Float32Array, models: number): Float32Array {
  const width = logits.length / models;
  const out = new Float32Array(width);
  for (let m = 0; m < models; m++) for (let j = 0; j < width; j++) out[j] += logits[m * width + j] / models;
  return out;
}

/** Per model, the fraction of rows whose argmax is expected(row): accuracy, attack success. */
export function argmaxRate(logits: Float32Array, models: number, rows: number, classes: number, expected: (row: number) => number): number[] {
  const out: number[] = [];
  for (let m = 0; m < models; m++) {
    let hit = 0;
    for (let r = 0; r < rows; r++) if (argmax(logits, (m * rows + r) * classes, classes) === expected(r)) hit++;
    out.push(rows ? hit / rows : NaN);
  }
  return out;
}

/**
 * Confusion counts [true class][predicted class] (argmax), averaged over models: row c sums
 * to the number of rows labelled c. Logits [N × rows × C].
 */
export function confusionCounts(logits: Float32Array, models: number, rows: number, classes: number, label: (row: number) => number): number[][] {
  const out = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let m = 0; m < models; m++) for (let r = 0; r < rows; r++) out[label(r)][argmax(logits, (m * rows + r) * classes, classes)] += 1 / models;
  return out;
}
