import type { ModelSpec } from '../models/spec';
import { initialWeights, type ModelWeights } from '../models/weights';
import { modelRanges, nativeLayout, packModel, unpackModel, type NativeLayout } from './layout';
import { networkOf } from './network';
import { workspace, type Workspace } from './workspace';

/** A matrix of model inputs, [rows × dim] row-major (the fixed features of a set). */
export interface InputMatrix {
  values: Float32Array;
  rows: number;
  dim: number;
}

const PREDICT_CHUNK = 256;
/** A CNN's activations for a chunk of rows are ~140 KB per image: 64 images keep a prediction's scratch near 9 MB. */
const CNN_PREDICT_CHUNK = 64;

/**
 * An ensemble of linear, MLP or cnn-s models on the native wasm kernels: its parameters in one
 * flat buffer (./layout.ts). Outside an operation that buffer is an ordinary Float32Array;
 * an operation copies it into the thread's workspace, computes, and copies it back.
 */
export class NativeEnsemble {
  readonly layout: NativeLayout;

  constructor(
    readonly spec: ModelSpec,
    readonly classes: number,
    readonly params: Float32Array,
    models: number,
    readonly inputDim: number,
  ) {
    this.layout = nativeLayout(spec, inputDim, classes, models);
    if (params.length !== this.layout.size) throw new Error(`native ensemble: ${params.length} parameters, layout needs ${this.layout.size}`);
  }

  get size(): number {
    return this.layout.models;
  }

  static fromWeights(spec: ModelSpec, inputDim: number, classes: number, weights: ModelWeights[]): NativeEnsemble {
    const layout = nativeLayout(spec, inputDim, classes, weights.length);
    const flat = new Float32Array(layout.size);
    weights.forEach((w, m) => packModel(layout, flat, m, w));
    return new NativeEnsemble(spec, classes, flat, weights.length, inputDim);
  }

  static create(spec: ModelSpec, inputDim: number, classes: number, seeds: number[]): NativeEnsemble {
    return NativeEnsemble.fromWeights(spec, inputDim, classes, seeds.map((s) => initialWeights(spec, inputDim, classes, s)));
  }

  /** Every model's interchange weights, or the first `count` models'. */
  weights(count = this.size): ModelWeights[] {
    return Array.from({ length: Math.min(count, this.size) }, (_, m) => unpackModel(this.layout, this.params, m));
  }

  clone(): NativeEnsemble {
    return new NativeEnsemble(this.spec, this.classes, this.params.slice(), this.size, this.inputDim);
  }

  /** True per model when every parameter is finite. */
  finite(): Uint8Array {
    return Uint8Array.from({ length: this.size }, (_, m) =>
      modelRanges(this.layout, m).every(([o, n]) => this.params.subarray(o, o + n).every(Number.isFinite)) ? 1 : 0,
    );
  }

  /** Logits [models × rows × C] on the given rows of `inputs` (all rows when omitted). */
  predict(inputs: InputMatrix, rows?: Int32Array, ws: Workspace = workspace('eval')): Float32Array {
    const l = this.layout;
    const count = rows ? rows.length : inputs.rows;
    const c = this.classes;
    const out = new Float32Array(l.models * count * c);
    const chunk = Math.min(l.kind === 'cnn-s' ? CNN_PREDICT_CHUNK : PREDICT_CHUNK, Math.max(count, 1));
    const net = networkOf(l);
    const r = ws.layout({ params: l.size, x: chunk * l.inputDim, ...net.scratch(chunk, false) });
    ws.f32(r.params).set(this.params);
    for (let s = 0; s < count; s += chunk) {
      const b = Math.min(chunk, count - s);
      gatherRows(ws.f32(r.x), inputs, rows, s, b);
      for (let pass = 0; pass < l.models; pass += net.modelsPerPass) {
        const passModels = Math.min(net.modelsPerPass, l.models - pass);
        const z = net.forward(ws.k, r, b, pass, passModels);
        const logits = new Float32Array(ws.k.memory.buffer);
        for (let m = pass; m < pass + passModels; m++) {
          for (let i = 0; i < b; i++) {
            const from = (z.ptr >> 2) + m * z.model + i * z.row;
            out.set(logits.subarray(from, from + c), (m * count + s + i) * c);
          }
        }
      }
    }
    return out;
  }
}

/** Copies rows s … s + b − 1 of the selection (or of the matrix) into a batch buffer. */
export function gatherRows(dst: Float32Array, inputs: InputMatrix, rows: Int32Array | undefined, s: number, b: number): void {
  const d = inputs.dim;
  for (let i = 0; i < b; i++) {
    const row = rows ? rows[s + i] : s + i;
    if (!(row >= 0 && row < inputs.rows)) throw new RangeError(`native ensemble: input row ${row} outside [0, ${inputs.rows})`);
    dst.set(inputs.values.subarray(row * d, row * d + d), i * d);
  }
}
