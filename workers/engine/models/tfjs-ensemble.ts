import { tf } from '../tf';
import type { ModelSpec } from './spec';
import { cnnLogits } from './cnn';
import { initialWeights, parameterShapes, type ModelWeights } from './weights';
import './matmul'; // registers the transpose-free matmul gradient

/**
 * N models of one architecture as tfjs variables, trained together: the implementation
 * for GPU backends and for engines without wasm SIMD (the native engine trains every model
 * kind on CPU), and the reference the native engine is tested against.
 *
 * Fused for linear and mlp: every model sees the same minibatch and the first layer of
 * all N models is one matmul `X · [W₁ … W_N]` (on wasm a 3-D batched matmul ran ~11×
 * slower than the same FLOPs as one 2-D matmul). The CNN keeps one set of variables per
 * model and loops over its models inside each step.
 *
 * Variables:  linear  w [d, N·C], b [N·C]
 *             mlp     w1 [d, N·h], b1 [N·h], w2 [N, h, C], b2 [N, 1, C]
 *             cnn-s   8 per model, in buildCnnLayout order
 * Logits are [N, batch, classes].
 */
export interface TfjsEnsemble {
  readonly spec: ModelSpec;
  readonly size: number;
  readonly inputDim: number;
  readonly classes: number;
  readonly variables: tf.Variable[];
  /** Logits [size, batch, classes] for a batch of inputs (features [B,d] or images [B,32,32,3]). */
  logits(x: tf.Tensor): tf.Tensor3D;
}

let counter = 0;

/** The fused variable values of N models (interchange layout → the layout above). */
export function fuse(spec: ModelSpec, inputDim: number, classes: number, models: ModelWeights[]): { shape: number[]; values: Float32Array }[] {
  const n = models.length;
  if (spec.kind === 'cnn-s') {
    const shapes = parameterShapes(spec, inputDim, classes);
    return models.flatMap((w) => w.map((values, i) => ({ shape: shapes[i], values })));
  }
  const width = spec.kind === 'mlp' ? spec.hidden : classes;
  const w1 = new Float32Array(inputDim * n * width);
  const b1 = new Float32Array(n * width);
  models.forEach((w, m) => {
    for (let i = 0; i < inputDim; i++) w1.set(w[0].subarray(i * width, (i + 1) * width), i * n * width + m * width);
    b1.set(w[1], m * width);
  });
  const first = [
    { shape: [inputDim, n * width], values: w1 },
    { shape: [n * width], values: b1 },
  ];
  if (spec.kind === 'linear') return first;
  const w2 = new Float32Array(n * width * classes);
  const b2 = new Float32Array(n * classes);
  models.forEach((w, m) => {
    w2.set(w[2], m * width * classes);
    b2.set(w[3], m * classes);
  });
  return [...first, { shape: [n, width, classes], values: w2 }, { shape: [n, 1, classes], values: b2 }];
}

/** Interchange weights of every model from the fused variable values. */
export function split(spec: ModelSpec, inputDim: number, classes: number, n: number, values: Float32Array[]): ModelWeights[] {
  if (spec.kind === 'cnn-s') {
    const per = values.length / n;
    return Array.from({ length: n }, (_, m) => values.slice(m * per, (m + 1) * per).map((v) => v.slice()));
  }
  const width = spec.kind === 'mlp' ? spec.hidden : classes;
  return Array.from({ length: n }, (_, m) => {
    const w1 = new Float32Array(inputDim * width);
    for (let i = 0; i < inputDim; i++) w1.set(values[0].subarray(i * n * width + m * width, i * n * width + (m + 1) * width), i * width);
    const out = [w1, values[1].slice(m * width, (m + 1) * width)];
    if (spec.kind === 'mlp') out.push(values[2].slice(m * width * classes, (m + 1) * width * classes), values[3].slice(m * classes, (m + 1) * classes));
    return out;
  });
}

function assemble(spec: ModelSpec, size: number, inputDim: number, classes: number, variables: tf.Variable[]): TfjsEnsemble {
  const base = { spec, size, inputDim, classes, variables };
  if (spec.kind === 'linear') {
    const [w, b] = variables;
    return {
      ...base,
      logits: (x) =>
        tf.tidy(() => tf.transpose(tf.reshape(tf.add(tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D), b), [-1, size, classes]), [1, 0, 2]) as tf.Tensor3D),
    };
  }
  if (spec.kind === 'mlp') {
    const [w1, b1, w2, b2] = variables;
    const h = spec.hidden;
    return {
      ...base,
      logits: (x) =>
        tf.tidy(() => {
          const hidden = tf.relu(tf.add(tf.matMul(x as tf.Tensor2D, w1 as tf.Tensor2D), b1)); // [B, N·h]
          const perModel = tf.transpose(tf.reshape(hidden, [-1, size, h]), [1, 0, 2]) as tf.Tensor3D; // [N,B,h]
          return tf.add(tf.matMul(perModel, w2 as tf.Tensor3D), b2) as tf.Tensor3D;
        }),
    };
  }
  const perModel = variables.length / size;
  return {
    ...base,
    logits: (x) =>
      tf.tidy(() => {
        const outs: tf.Tensor2D[] = [];
        for (let m = 0; m < size; m++) outs.push(cnnLogits(x as tf.Tensor4D, variables.slice(m * perModel, (m + 1) * perModel)));
        return tf.stack(outs) as tf.Tensor3D;
      }),
  };
}

/** An ensemble holding the given models' weights (copied into new variables). */
export function tfjsEnsembleFromWeights(spec: ModelSpec, inputDim: number, classes: number, models: ModelWeights[]): TfjsEnsemble {
  counter++;
  const vars = fuse(spec, inputDim, classes, models).map((t, i) => {
    const initial = tf.tensor(t.values, t.shape);
    const v = tf.variable(initial, true, `ens_v${i}_${counter}`);
    initial.dispose();
    return v;
  });
  return assemble(spec, models.length, inputDim, classes, vars);
}

/** A freshly initialised ensemble, one model per seed (the same start as every other implementation). */
export function createTfjsEnsemble(spec: ModelSpec, inputDim: number, classes: number, seeds: number[]): TfjsEnsemble {
  return tfjsEnsembleFromWeights(spec, inputDim, classes, seeds.map((s) => initialWeights(spec, inputDim, classes, s)));
}

/** Every model's weights in the interchange layout. */
export async function tfjsModelWeights(e: TfjsEnsemble): Promise<ModelWeights[]> {
  const values: Float32Array[] = [];
  for (const v of e.variables) values.push((await v.data()) as Float32Array);
  return split(e.spec, e.inputDim, e.classes, e.size, values);
}

/** Overwrites every model's weights in place (e.g. to restore models frozen during a run). */
export function assignTfjsWeights(e: TfjsEnsemble, models: ModelWeights[]): void {
  fuse(e.spec, e.inputDim, e.classes, models).forEach((t, i) => {
    const value = tf.tensor(t.values, t.shape);
    e.variables[i].assign(value);
    value.dispose();
  });
}

export function cloneTfjsEnsemble(e: TfjsEnsemble): TfjsEnsemble {
  counter++;
  const vars = e.variables.map((v, i) => {
    const copy = v.clone();
    const variable = tf.variable(copy, true, `ens_v${i}_${counter}`); // copies its initial value
    copy.dispose();
    return variable;
  });
  return assemble(e.spec, e.size, e.inputDim, e.classes, vars);
}

export function disposeTfjsEnsemble(e: TfjsEnsemble): void {
  for (const v of e.variables) v.dispose();
}
