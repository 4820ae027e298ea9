/**
 * The kernels' storage of a weight matrix: K rows, its columns in panels of 8 (each panel
 * K × 8, row-major), so one panel's weights stay in L1 while a row block streams past.
 * One source for every layout that packs weights (dense, convolutions, plain products).
 */
export const PANEL = 8;

/** Element (k, n) of a K-row matrix stored in panels of 8 columns. */
export function panelIndex(K: number, k: number, n: number): number {
  return ((n >> 3) * K + k) * PANEL + (n & 7);
}
