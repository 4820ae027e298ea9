/**
 * The one data layout every metric reads: the outputs of a set of models on a set of
 * points, stored row-major by model (`values[model * points + point]`), which is how
 * an ensemble's predictions come out of the engine one model at a time.
 *
 * A plain object (not a class) so it crosses a worker boundary by structured clone,
 * with `values.buffer` transferable. The same layout holds per-example losses
 * ({@link LossMatrix}) and 0/1 correctness flags.
 */
export interface MarginMatrix {
  /** Number of models (rows). */
  models: number;
  /** Number of points (columns). */
  points: number;
  /** models × points values, row-major by model. */
  values: Float32Array;
}

/** Same layout as {@link MarginMatrix}, holding per-example cross-entropy losses. */
export type LossMatrix = MarginMatrix;

/** Builds a matrix, checking that the buffer has exactly models × points values. */
export function marginMatrix(models: number, points: number, values: Float32Array): MarginMatrix {
  if (!Number.isInteger(models) || !Number.isInteger(points) || models < 0 || points < 0) {
    throw new RangeError(`marginMatrix: bad shape ${models}×${points}`);
  }
  if (values.length !== models * points) {
    throw new RangeError(`marginMatrix: ${values.length} values for ${models}×${points}`);
  }
  return { models, points, values };
}

/** Stacks per-model rows (each of length `points`) into one matrix. */
export function stackRows(rows: readonly ArrayLike<number>[], points: number): MarginMatrix {
  const values = new Float32Array(rows.length * points);
  rows.forEach((row, m) => {
    if (row.length !== points) throw new RangeError(`stackRows: row ${m} has ${row.length} values, want ${points}`);
    for (let p = 0; p < points; p++) values[m * points + p] = row[p];
  });
  return { models: rows.length, points, values };
}

/** The value of one model on one point. */
export function at(m: MarginMatrix, model: number, point: number): number {
  return m.values[model * m.points + point];
}

/** One point's values across all models (a fresh Float64Array of length `models`). */
export function column(m: MarginMatrix, point: number): Float64Array {
  return columnOf(m, point, 0, m.models);
}

/** One point's values across models `[start, end)`: the per-split samples U-LiRA fits on. */
export function columnOf(m: MarginMatrix, point: number, start: number, end: number): Float64Array {
  if (point < 0 || point >= m.points) throw new RangeError(`column: point ${point} of ${m.points}`);
  const out = new Float64Array(end - start);
  for (let k = start; k < end; k++) out[k - start] = m.values[k * m.points + point];
  return out;
}

/** One model's values on all points (a view, not a copy). */
export function row(m: MarginMatrix, model: number): Float32Array {
  if (model < 0 || model >= m.models) throw new RangeError(`row: model ${model} of ${m.models}`);
  return m.values.subarray(model * m.points, (model + 1) * m.points);
}

/** Throws unless both matrices describe the same points (the metrics compare them column by column). */
export function assertSamePoints(a: MarginMatrix, b: MarginMatrix, what: string): void {
  if (a.points !== b.points) throw new RangeError(`${what}: ${a.points} points vs ${b.points}`);
}
