/**
 * One-feature logistic regression, the population MIA's attack model (./population-mia.ts).
 *
 * Matches scikit-learn's `LogisticRegression()` defaults used by the NeurIPS 2023 starting
 * kit (L2 penalty with C = 1 on the slope, intercept unpenalised), except that the feature
 * is first standardised on the training data, so the penalty does not depend on the
 * feature's units. The penalised log-likelihood is strictly concave in the slope, and
 * Newton's method on the two parameters with step halving converges in a few iterations
 * even on separable data.
 */
export interface LogisticModel {
  /** Standardisation fitted on the training data: z = (x − center) / scale. */
  center: number;
  scale: number;
  /** Slope on z and intercept. */
  weight: number;
  bias: number;
}

const L2 = 1; // 1 / C with scikit-learn's default C = 1

function objective(z: Float64Array, y: Uint8Array, w: number, b: number): number {
  let f = 0.5 * L2 * w * w;
  for (let i = 0; i < z.length; i++) {
    const s = w * z[i] + b;
    // log(1 + e^s) − y·s, stably
    f += Math.max(s, 0) + Math.log1p(Math.exp(-Math.abs(s))) - y[i] * s;
  }
  return f;
}

const sigmoid = (s: number) => (s >= 0 ? 1 / (1 + Math.exp(-s)) : Math.exp(s) / (1 + Math.exp(s)));

/** Fits P(y = 1 | x) = σ(w·(x − center)/scale + b). `y` holds 0/1 labels. */
export function fitLogistic(x: ArrayLike<number>, y: Uint8Array): LogisticModel {
  const n = x.length;
  if (n === 0 || y.length !== n) throw new RangeError('fitLogistic: need as many labels as values, and at least one');
  let center = 0;
  for (let i = 0; i < n; i++) center += x[i];
  center /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i] - center) ** 2;
  const sd = Math.sqrt(ss / n);
  const scale = sd > 0 ? sd : 1;
  const z = Float64Array.from(x, (v) => (v - center) / scale);

  let w = 0;
  let b = 0;
  let f = objective(z, y, w, b);
  for (let iter = 0; iter < 100; iter++) {
    let gw = L2 * w;
    let gb = 0;
    let hww = L2;
    let hwb = 0;
    let hbb = 1e-12;
    for (let i = 0; i < n; i++) {
      const p = sigmoid(w * z[i] + b);
      const r = p - y[i];
      const v = p * (1 - p);
      gw += r * z[i];
      gb += r;
      hww += v * z[i] * z[i];
      hwb += v * z[i];
      hbb += v;
    }
    const det = hww * hbb - hwb * hwb;
    const dw = (hbb * gw - hwb * gb) / det;
    const db = (hww * gb - hwb * gw) / det;
    let step = 1;
    let nf = objective(z, y, w - dw, b - db);
    while (nf > f && step > 1e-10) {
      step /= 2;
      nf = objective(z, y, w - step * dw, b - step * db);
    }
    if (!(nf <= f)) break;
    w -= step * dw;
    b -= step * db;
    const done = f - nf < 1e-12 * (1 + Math.abs(f));
    f = nf;
    if (done) break;
  }
  return { center, scale, weight: w, bias: b };
}

/** P(y = 1 | x) under a fitted model. */
export function predictProbability(model: LogisticModel, x: number): number {
  return sigmoid(model.weight * ((x - model.center) / model.scale) + model.bias);
}

/** The 0/1 decision, 1 when the probability exceeds ½ (scikit-learn's `predict`). */
export function predictClass(model: LogisticModel, x: number): 0 | 1 {
  return predictProbability(model, x) > 0.5 ? 1 : 0;
}
