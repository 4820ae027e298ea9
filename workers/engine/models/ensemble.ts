import { tf } from '../tf';
import { Rng, deriveSeed } from '../util/rng';
import type { ModelSpec } from './spec';
import { buildCnnLayout, cnnLogits } from './cnn';
import './matmul'; // registers the transpose-free matmul gradient

/**
 * N models of one architecture, trained together.
 *
 * Why fused: on the wasm backend a 3-D batched matmul runs ~11× slower than the same
 * FLOPs as one 2-D matmul (measured: 8×[512×256]·[256×128] 175 ms vs [4096×256]·[256×128]
 * 15 ms). So every model of an ensemble sees the SAME minibatch and the first layer of
 * all N models is one matmul `X · [W₁ … W_N]`. Models differ by initialisation (and,
 * for datamodel subsets, by per-example weights). The CNN cannot be fused this way and
 * loops over its models inside each step.
 *
 * Every ensemble returns logits shaped [N, batch, classes].
 */
export interface Ensemble {
  readonly spec: ModelSpec;
  readonly size: number;
  readonly inputDim: number;
  readonly classes: number;
  readonly variables: tf.Variable[];
  /** Logits [size, batch, classes] for a batch of inputs (features [B,d] or images [B,32,32,3]). */
  logits(x: tf.Tensor): tf.Tensor3D;
}

export interface EnsembleWeights {
  spec: ModelSpec;
  size: number;
  inputDim: number;
  classes: number;
  /** One array per variable, in `variables` order. */
  tensors: { shape: number[]; values: Float32Array }[];
}

let ensembleCounter = 0;

/** tf.variable copies its initial tensor, so the initial tensor is disposed right away. */
function makeVariable(initial: tf.Tensor, name: string): tf.Variable {
  const v = tf.variable(initial, true, `${name}_${ensembleCounter}`);
  initial.dispose();
  return v;
}

/** He-normal (ReLU layers) or LeCun-normal (output layer) values for one model's layer. */
function initValues(rng: Rng, count: number, fanIn: number, gain: number): Float32Array {
  const out = new Float32Array(count);
  const std = Math.sqrt(gain / fanIn);
  for (let i = 0; i < count; i++) out[i] = rng.normal() * std;
  return out;
}

/** Builds the per-variable initial values (shape + values) of an ensemble from per-model seeds. */
function initialTensors(spec: ModelSpec, inputDim: number, classes: number, seeds: number[]) {
  const n = seeds.length;
  const rngs = seeds.map((s) => new Rng(deriveSeed(s, 'init')));
  if (spec.kind === 'linear') {
    const w = new Float32Array(inputDim * n * classes);
    rngs.forEach((rng, m) => {
      const v = initValues(rng, inputDim * classes, inputDim, 1);
      for (let i = 0; i < inputDim; i++) for (let c = 0; c < classes; c++) w[i * n * classes + m * classes + c] = v[i * classes + c];
    });
    return [
      { shape: [inputDim, n * classes], values: w },
      { shape: [n * classes], values: new Float32Array(n * classes) },
    ];
  }
  if (spec.kind === 'mlp') {
    const h = spec.hidden;
    const w1 = new Float32Array(inputDim * n * h);
    const w2 = new Float32Array(n * h * classes);
    rngs.forEach((rng, m) => {
      const v1 = initValues(rng, inputDim * h, inputDim, 2);
      for (let i = 0; i < inputDim; i++) for (let j = 0; j < h; j++) w1[i * n * h + m * h + j] = v1[i * h + j];
      w2.set(initValues(rng, h * classes, h, 1), m * h * classes);
    });
    return [
      { shape: [inputDim, n * h], values: w1 },
      { shape: [n * h], values: new Float32Array(n * h) },
      { shape: [n, h, classes], values: w2 },
      { shape: [n, 1, classes], values: new Float32Array(n * classes) },
    ];
  }
  return rngs.flatMap((rng) =>
    buildCnnLayout(classes).map(({ shape, fanIn, gain }) => ({
      shape,
      values: gain === 0 ? new Float32Array(shape.reduce((a, b) => a * b, 1)) : initValues(rng, shape.reduce((a, b) => a * b, 1), fanIn, gain),
    })),
  );
}

function assemble(spec: ModelSpec, size: number, inputDim: number, classes: number, variables: tf.Variable[]): Ensemble {
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

/** A freshly initialised ensemble, one model per seed. */
export function createEnsemble(spec: ModelSpec, inputDim: number, classes: number, seeds: number[]): Ensemble {
  ensembleCounter++;
  const tensors = initialTensors(spec, inputDim, classes, seeds);
  const vars = tensors.map((t, i) => makeVariable(tf.tensor(t.values, t.shape), `ens_v${i}`));
  return assemble(spec, seeds.length, inputDim, classes, vars);
}

/** Rebuilds an ensemble from saved weights (cache, import, clone). */
export function ensembleFromWeights(w: EnsembleWeights): Ensemble {
  ensembleCounter++;
  const vars = w.tensors.map((t, i) => makeVariable(tf.tensor(t.values, t.shape), `ens_v${i}`));
  return assemble(w.spec, w.size, w.inputDim, w.classes, vars);
}

export async function readWeights(e: Ensemble): Promise<EnsembleWeights> {
  const tensors = [];
  for (const v of e.variables) tensors.push({ shape: v.shape.slice(), values: (await v.data()) as Float32Array });
  return { spec: e.spec, size: e.size, inputDim: e.inputDim, classes: e.classes, tensors };
}

/** An independent copy (new variables) of an ensemble. */
export function cloneEnsemble(e: Ensemble): Ensemble {
  ensembleCounter++;
  const vars = e.variables.map((v, i) => makeVariable(v.clone(), `ens_v${i}`));
  return assemble(e.spec, e.size, e.inputDim, e.classes, vars);
}

export function disposeEnsemble(e: Ensemble): void {
  for (const v of e.variables) v.dispose();
}
