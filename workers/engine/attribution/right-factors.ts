/**
 * The target side of a factored datamodel β_i(x, c) = Σ_k L[i, k] · R_k(x, c).
 *
 * The train side L is always a plain [n × K] matrix, so "sum the rows of the forget set"
 * is |F|·K additions; what differs between estimators is how R is stored, because storing
 * R densely for TRAK would cost K × targets × C floats (hundreds of MB). Two forms:
 *
 * - `dense`: R as [K × targets × C] (the regression's centred model outputs Yc).
 * - `kron`: R_{(p,q)}(x, c) = a_p(x) · B_q(x, c), the shape of a gradient w.r.t. a dense
 *   layer (input activation ⊗ output sensitivity, see trak-features.ts). Stores a [targets
 *   × ka] and B [targets × kb × C], or no B when B(x) is the identity (last layer: the
 *   logit c's sensitivity is e_c), which is what keeps TRAK's memory and the preview small.
 *
 * `apply` adds Σ_k u_k R_k(x, c) for the given targets into `out` [rows × C].
 */
export type RightFactorLayout =
  | { type: 'dense'; dim: number }
  | { type: 'kron'; dim: number; ka: number; kb: number; identity: boolean };

export interface RightFactor {
  readonly layout: RightFactorLayout;
  /** Adds Σ_k u[offset + k] · R_k(target, ·) to out[r·C …] for each targets[r]. */
  apply(u: Float64Array, offset: number, targets: Int32Array, out: Float64Array): void;
  blobs(): Float32Array[];
}

export class DenseRight implements RightFactor {
  readonly layout: RightFactorLayout;
  constructor(
    /** [dim × targets × C], row-major. */
    readonly values: Float32Array,
    readonly dim: number,
    readonly targets: number,
    readonly classes: number,
  ) {
    if (values.length !== dim * targets * classes) throw new RangeError(`DenseRight: ${values.length} values for ${dim}×${targets}×${classes}`);
    this.layout = { type: 'dense', dim };
  }

  apply(u: Float64Array, offset: number, targets: Int32Array, out: Float64Array): void {
    const { values, classes: c, targets: t, dim } = this;
    const rows = targets.length;
    if (rows === 0) return;
    const first = targets[0];
    if (targets[rows - 1] - first === rows - 1 && isIncreasing(targets)) {
      // The preview's hot loop: long axpys over the requested range, four rows of R per
      // pass over `out` (halves the memory traffic; measured ~2× in Node).
      const len = rows * c;
      const start = first * c;
      const stride = t * c;
      let k = 0;
      for (; k + 3 < dim; k += 4) {
        const w0 = u[offset + k];
        const w1 = u[offset + k + 1];
        const w2 = u[offset + k + 2];
        const w3 = u[offset + k + 3];
        const b0 = k * stride + start;
        const b1 = b0 + stride;
        const b2 = b1 + stride;
        const b3 = b2 + stride;
        for (let j = 0; j < len; j++) out[j] += w0 * values[b0 + j] + w1 * values[b1 + j] + w2 * values[b2 + j] + w3 * values[b3 + j];
      }
      for (; k < dim; k++) {
        const w = u[offset + k];
        const b = k * stride + start;
        for (let j = 0; j < len; j++) out[j] += w * values[b + j];
      }
      return;
    }
    for (let k = 0; k < dim; k++) {
      const w = u[offset + k];
      if (w === 0) continue;
      const base = k * t * c;
      for (let r = 0; r < rows; r++) {
        const src = base + targets[r] * c;
        const dst = r * c;
        for (let j = 0; j < c; j++) out[dst + j] += w * values[src + j];
      }
    }
  }

  blobs(): Float32Array[] {
    return [this.values];
  }
}

export class KronRight implements RightFactor {
  readonly layout: RightFactorLayout;
  private readonly v: Float64Array;
  constructor(
    /** [targets × ka] */
    readonly a: Float32Array,
    /** [targets × kb × C], or null for the identity (kb = C). */
    readonly b: Float32Array | null,
    readonly ka: number,
    readonly kb: number,
    readonly targets: number,
    readonly classes: number,
  ) {
    if (a.length !== targets * ka) throw new RangeError(`KronRight: ${a.length} activations for ${targets}×${ka}`);
    if (b === null && kb !== classes) throw new RangeError(`KronRight: identity needs kb = C (${kb} ≠ ${classes})`);
    if (b !== null && b.length !== targets * kb * classes) throw new RangeError(`KronRight: ${b.length} sensitivities for ${targets}×${kb}×${classes}`);
    this.layout = { type: 'kron', dim: ka * kb, ka, kb, identity: b === null };
    this.v = new Float64Array(kb);
  }

  apply(u: Float64Array, offset: number, targets: Int32Array, out: Float64Array): void {
    const { a, b, ka, kb, classes: c, v } = this;
    if (b === null) {
      applyIdentity(a, ka, c, u, offset, targets, out);
      return;
    }
    for (let r = 0; r < targets.length; r++) {
      const t = targets[r];
      // v = a(x)ᵀ U, U = u[offset …] viewed as [ka × kb]
      v.fill(0);
      const aBase = t * ka;
      for (let p = 0; p < ka; p++) {
        const ap = a[aBase + p];
        if (ap === 0) continue; // ReLU activations are often exactly zero
        const uBase = offset + p * kb;
        for (let q = 0; q < kb; q++) v[q] += ap * u[uBase + q];
      }
      const dst = r * c;
      const bBase = t * kb * c;
      for (let q = 0; q < kb; q++) {
        const vq = v[q];
        const row = bBase + q * c;
        for (let j = 0; j < c; j++) out[dst + j] += vq * b[row + j];
      }
    }
  }

  blobs(): Float32Array[] {
    return this.b ? [this.a, this.b] : [this.a];
  }
}

/**
 * out[r, ·] += a(x_r)ᵀ U for U = u[offset …] as [ka × C]: the last-layer block, TRAK's share
 * of the preview. Two targets and five classes per pass, in scalar accumulators that V8
 * keeps in registers, so each loaded weight serves two targets: ~3× faster in Node than
 * accumulating one target into an array (the instant preview's hot loop for TRAK).
 */
function applyIdentity(a: Float32Array, ka: number, c: number, u: Float64Array, offset: number, targets: Int32Array, out: Float64Array): void {
  const rows = targets.length;
  let r = 0;
  for (; r + 1 < rows; r += 2) {
    const ab = targets[r] * ka;
    const ab2 = targets[r + 1] * ka;
    const o = r * c;
    const o2 = o + c;
    let q0 = 0;
    for (; q0 + 5 <= c; q0 += 5) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0;
      let r0 = 0, r1 = 0, r2 = 0, r3 = 0, r4 = 0;
      for (let p = 0; p < ka; p++) {
        const x = a[ab + p];
        const y = a[ab2 + p];
        const w = offset + p * c + q0;
        const u0 = u[w];
        const u1 = u[w + 1];
        const u2 = u[w + 2];
        const u3 = u[w + 3];
        const u4 = u[w + 4];
        s0 += x * u0;
        s1 += x * u1;
        s2 += x * u2;
        s3 += x * u3;
        s4 += x * u4;
        r0 += y * u0;
        r1 += y * u1;
        r2 += y * u2;
        r3 += y * u3;
        r4 += y * u4;
      }
      out[o + q0] += s0;
      out[o + q0 + 1] += s1;
      out[o + q0 + 2] += s2;
      out[o + q0 + 3] += s3;
      out[o + q0 + 4] += s4;
      out[o2 + q0] += r0;
      out[o2 + q0 + 1] += r1;
      out[o2 + q0 + 2] += r2;
      out[o2 + q0 + 3] += r3;
      out[o2 + q0 + 4] += r4;
    }
    for (; q0 < c; q0++) {
      let s = 0;
      let t = 0;
      for (let p = 0; p < ka; p++) {
        const w = u[offset + p * c + q0];
        s += a[ab + p] * w;
        t += a[ab2 + p] * w;
      }
      out[o + q0] += s;
      out[o2 + q0] += t;
    }
  }
  for (; r < rows; r++) {
    const ab = targets[r] * ka;
    for (let q = 0; q < c; q++) {
      let s = 0;
      for (let p = 0; p < ka; p++) s += a[ab + p] * u[offset + p * c + q];
      out[r * c + q] += s;
    }
  }
}

function isIncreasing(x: Int32Array): boolean {
  for (let i = 1; i < x.length; i++) if (x[i] !== x[i - 1] + 1) return false;
  return true;
}

/** Rebuilds a right factor from its layout and blobs (taking as many blobs as it needs). */
export function rightFactorFrom(layout: RightFactorLayout, blobs: Float32Array[], targets: number, classes: number): RightFactor {
  if (layout.type === 'dense') return new DenseRight(take(blobs), layout.dim, targets, classes);
  const a = take(blobs);
  const b = layout.identity ? null : take(blobs);
  return new KronRight(a, b, layout.ka, layout.kb, targets, classes);
}

function take(blobs: Float32Array[]): Float32Array {
  const b = blobs.shift();
  if (!b) throw new RangeError('datamodels: fewer blobs than the header describes');
  return b;
}
