import { tf } from '../tf';
import { marginAt } from '../metrics/margin';
import { spdSolve } from './linalg';
import { centerSubsets } from './ridge';
import { SparseDatamodels } from './sparse';
import type { SubsetModels } from './subset-models';
import type { AttributionCost } from './types';

/**
 * Sparse regression datamodels ('regression-sparse'): screening + refit, a cheap stand-in
 * for the LASSO of the datamodels paper (Ilyas et al. 2022), and labelled as such.
 *
 * Why not LASSO itself: coordinate descent over n = 5,000 coefficients for each of
 * targets × C = 60,000 outputs is far beyond a browser's budget, and the dense ridge
 * (ridge.ts) shrinks every individual β_i by ~M/n when M ≪ n. Datamodels are sparse in
 * practice (a target is moved by itself and a few look-alikes), so per target we
 *   1. screen: keep the `support` pool points whose inclusion covaries most with the
 *      target's margin across the subset models (|Xcᵀ y_margin|; sure independence
 *      screening, Fan & Lv 2008); a train target always keeps itself, since its
 *      self-influence is usually its largest weight;
 *   2. refit: least squares with a small ridge (1% of the Gram's mean diagonal) of every
 *      logit of that target on those columns only (one shared s × s system per target).
 * Because the subset masks are independent across points, leaving the other columns out
 * adds noise but no bias to the kept coefficients; the selection itself inflates the
 * kept magnitudes somewhat (winner's curse). LDS shows the net effect.
 */
export interface SparseFitOptions {
  /** Coefficients kept per target (clamped to ≤ M/4 so the refit stays well posed). */
  support: number;
}

/** Targets screened per matmul (bounds the [n × chunk] score block to a few MB). */
const SCREEN_CHUNK = 512;

export async function sparseFromSubsets(
  s: SubsetModels,
  /** Labels of every target: train pool, then validation (screening reads margins). */
  targetLabels: Uint8Array,
  options: SparseFitOptions,
  /** Called once the fit is done, so it can include the fit's own time. */
  cost: () => AttributionCost,
  alpha: number,
): Promise<SparseDatamodels> {
  const { models: mCount, trainSize: n, classes: c } = s;
  const targets = n + s.validationSize;
  if (targetLabels.length !== targets) throw new RangeError(`sparse datamodels: ${targetLabels.length} labels for ${targets} targets`);
  const support = Math.max(1, Math.min(options.support, Math.floor(mCount / 4), n));
  const centered = centerSubsets(s);
  const width = targets * c;

  // Centred margins [M × targets] for screening.
  const ym = new Float32Array(mCount * targets);
  for (let t = 0; t < targets; t++) {
    let mean = 0;
    for (let m = 0; m < mCount; m++) {
      const v = marginAt(s.outputs, m * width + t * c, c, targetLabels[t]);
      ym[m * targets + t] = v;
      mean += v / mCount;
    }
    for (let m = 0; m < mCount; m++) ym[m * targets + t] -= mean;
  }

  const indices = new Int32Array(targets * support);
  const xcT = tf.tensor2d(Float32Array.from(transpose(centered.xc, mCount, n)), [n, mCount]);
  try {
    for (let t0 = 0; t0 < targets; t0 += SCREEN_CHUNK) {
      const cols = Math.min(SCREEN_CHUNK, targets - t0);
      const block = new Float32Array(mCount * cols);
      for (let m = 0; m < mCount; m++) block.set(ym.subarray(m * targets + t0, m * targets + t0 + cols), m * cols);
      const scores = tf.tidy(() => tf.matMul(xcT, tf.tensor2d(block, [mCount, cols])));
      const values = (await scores.data()) as Float32Array; // [n × cols]
      scores.dispose();
      for (let j = 0; j < cols; j++) {
        const t = t0 + j;
        topAbs(values, j, cols, n, support, t < n ? t : -1, indices.subarray(t * support, (t + 1) * support));
      }
    }
  } finally {
    xcT.dispose();
  }

  // Refit per target on its support.
  const weights = new Float32Array(targets * support * c);
  const intercept = new Float32Array(targets * c);
  const gram = new Float64Array(support * support);
  const rhs = new Float64Array(support * c);
  const cols = new Float64Array(mCount * support);
  for (let t = 0; t < targets; t++) {
    const idx = indices.subarray(t * support, (t + 1) * support);
    for (let m = 0; m < mCount; m++) for (let k = 0; k < support; k++) cols[m * support + k] = centered.xc[m * n + idx[k]];
    gram.fill(0);
    rhs.fill(0);
    for (let m = 0; m < mCount; m++) {
      const row = m * support;
      const y = m * width + t * c;
      for (let p = 0; p < support; p++) {
        const xp = cols[row + p];
        if (xp === 0) continue;
        for (let q = 0; q <= p; q++) gram[p * support + q] += xp * cols[row + q];
        for (let j = 0; j < c; j++) rhs[p * c + j] += xp * centered.yc[y + j];
      }
    }
    let diag = 0;
    for (let p = 0; p < support; p++) diag += gram[p * support + p] / support;
    for (let p = 0; p < support; p++) {
      for (let q = 0; q < p; q++) gram[q * support + p] = gram[p * support + q];
      gram[p * support + p] += 0.01 * diag + 1e-9;
    }
    const beta = spdSolve(gram, support, rhs, c);
    for (let j = 0; j < c; j++) {
      let b = centered.outputMean[t * c + j];
      for (let k = 0; k < support; k++) b -= centered.maskMean[idx[k]] * beta[k * c + j];
      intercept[t * c + j] = b;
    }
    for (let k = 0; k < support * c; k++) weights[t * support * c + k] = beta[k];
  }

  return new SparseDatamodels({
    trainSize: n,
    validationSize: s.validationSize,
    classes: c,
    estimator: 'regression-sparse',
    cost: cost(),
    info: { models: mCount, alpha, support, method: 'screen by |cov(mask, margin)|, then ridge refit on the support (LASSO stand-in)' },
    support,
    indices,
    weights,
    intercept,
  });
}

function transpose(a: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(a.length);
  for (let r = 0; r < rows; r++) for (let q = 0; q < cols; q++) out[q * rows + r] = a[r * cols + q];
  return out;
}

/**
 * Writes into `out` the indices of the `k` largest |values[i·stride + col]| over i < n,
 * with `self` (if ≥ 0) always first. A sorted buffer of size k: cheap since k ≪ n.
 */
function topAbs(values: Float32Array, col: number, stride: number, n: number, k: number, self: number, out: Int32Array): void {
  const start = self >= 0 ? 1 : 0;
  if (self >= 0) out[0] = self;
  const slots = k - start;
  const bestIdx = new Int32Array(slots).fill(-1);
  const bestVal = new Float64Array(slots).fill(-1);
  for (let i = 0; i < n; i++) {
    if (i === self) continue;
    const v = Math.abs(values[i * stride + col]);
    if (slots === 0 || v <= bestVal[slots - 1]) continue;
    let p = slots - 1;
    while (p > 0 && bestVal[p - 1] < v) {
      bestVal[p] = bestVal[p - 1];
      bestIdx[p] = bestIdx[p - 1];
      p--;
    }
    bestVal[p] = v;
    bestIdx[p] = i;
  }
  for (let s = 0; s < slots; s++) out[start + s] = bestIdx[s] >= 0 ? bestIdx[s] : self >= 0 ? self : 0;
}
