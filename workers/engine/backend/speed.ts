import { localCompute } from '../compute/local';
import { tf } from '../tf';
import { range } from '../train/batches';
import { crossEntropyPlan } from '../train/train-ensemble';
import { Rng } from '../util/rng';

/** The probe's workload: the lab's main one, an 8-model MLP ensemble 512 → 128 → 10, batch 128. */
const PROBE = { models: 8, dim: 512, hidden: 128, classes: 10, rows: 1024, batch: 128 } as const;

/**
 * Measures the real fused training step on the ACTIVE tfjs backend (wasm: the native
 * kernels, which are what trains there), in model-images per second: a few warm-up steps,
 * then steps until `budgetMs` has passed. A fraction of a second on a real device; a
 * software GPU costs more, so callers skip those.
 */
export async function measureTrainingSpeed(budgetMs = 400): Promise<number> {
  const backend = tf.getBackend();
  const compute = localCompute({ native: backend === 'wasm' });
  const rng = new Rng(7);
  const values = Float32Array.from({ length: PROBE.rows * PROBE.dim }, () => rng.normal());
  const labels = Uint8Array.from({ length: PROBE.rows }, () => rng.int(PROBE.classes));
  await compute.setInputs({ sets: { train: { values, rows: PROBE.rows, dim: PROBE.dim } }, imageShape: null });
  const spec = { kind: 'mlp' as const, hidden: PROBE.hidden };
  const e = await compute.createEnsemble(spec, PROBE.dim, PROBE.classes, Array.from({ length: PROBE.models }, (_, m) => m + 1));
  const plan = (steps: number) =>
    crossEntropyPlan({ indices: range(Math.min(PROBE.rows, steps * PROBE.batch)), labels, orderSeed: 1, training: { epochs: Math.max(1, Math.ceil((steps * PROBE.batch) / PROBE.rows)), batchSize: PROBE.batch, learningRate: 1e-3, schedule: 'constant' } });
  try {
    await e.train(plan(3)); // compile, allocate
    let examples = 0;
    let seconds = 0;
    while (seconds * 1000 < budgetMs) {
      const r = await e.train(plan(8));
      examples += r.examples;
      seconds += r.seconds;
      if (examples > 2e7) break;
    }
    return examples / Math.max(seconds, 1e-9);
  } finally {
    e.dispose();
    compute.dispose();
  }
}

/** True for a GPU that is really the CPU (SwiftShader, llvmpipe, Microsoft Basic Render). */
export function isSoftwareRenderer(info: string | undefined, isFallbackAdapter?: boolean): boolean {
  return isFallbackAdapter === true || /swiftshader|llvmpipe|lavapipe|software|basic render/i.test(info ?? '');
}
