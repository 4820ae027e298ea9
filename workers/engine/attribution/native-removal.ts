/**
 * The instant preview's hot loop on the native wasm-SIMD kernels: the removal effect of a
 * forget set on every target, for last-layer TRAK datamodels (every block a KronRight
 * with the identity on the class side, the datamodels the page computes for the preview).
 *
 * Those blocks' effect is one matrix product: effect = [A_1 … A_m] · U, where A_b [targets ×
 * ka] are the models' last-layer activations and U = Σ_{i∈F} L_i viewed as [Σ ka × C].
 * The concatenated activations stay resident in the 'preview' workspace between calls
 * (one upload per datamodels), and U is kept too: a click that adds or removes a few
 * points updates it by those rows instead of summing all of F again. So a click costs one
 * SIMD matmul (denseForward) instead of the scalar JavaScript passes.
 *
 * Float32 accumulation, where the JavaScript path accumulates in float64: the preview
 * shows two-decimal margins and one-decimal accuracies, far above that rounding. DMM's
 * targets keep using the float64 path (Datamodels.removalEffect).
 */
import { nativeKernelsSupported } from '../native/kernels';
import { workspace } from '../native/workspace';
import { FactoredDatamodels } from './factored';
import { KronRight } from './right-factors';
import { checkForget, type Datamodels, type TargetSet } from './types';

let resident: FactoredDatamodels | null = null;

/** U = Σ_{i∈F} L_i for the last forget set (its membership mask), to update by the difference. */
let lastSum: { dm: FactoredDatamodels; mask: Uint8Array; u: Float64Array; updates: number } | null = null;

/** Incremental updates before U is summed afresh, so float64 rounding cannot build up. */
const RESUM_AFTER = 256;

function forgetSum(dm: FactoredDatamodels, forget: Int32Array): Float64Array {
  const mask = new Uint8Array(dm.trainSize);
  for (const i of forget) mask[i] = 1;
  const prev = lastSum && lastSum.dm === dm && lastSum.updates < RESUM_AFTER ? lastSum : null;
  if (prev) {
    const added: number[] = [];
    const removed: number[] = [];
    for (let i = 0; i < mask.length; i++) if (mask[i] !== prev.mask[i]) (mask[i] ? added : removed).push(i);
    if (added.length + removed.length <= forget.length / 2) {
      const u = prev.u;
      const k = dm.rank;
      for (const [rows, sign] of [[added, 1], [removed, -1]] as const) {
        for (const i of rows) for (let j = 0; j < k; j++) u[j] += sign * dm.left[i * k + j];
      }
      lastSum = { dm, mask, u, updates: prev.updates + added.length + removed.length };
      return u;
    }
  }
  const u = dm.sumLeftRows(forget);
  lastSum = { dm, mask, u, updates: 0 };
  return u;
}

/** The removal effect [rows × C] of `set`, or null where these datamodels or this engine have no native path. */
export function nativeRemovalEffect(dm: Datamodels, forget: Int32Array, set: TargetSet): Float32Array | null {
  if (!(dm instanceof FactoredDatamodels) || !nativeKernelsSupported()) return null;
  const blocks = dm.blocks;
  if (!blocks.every((b) => b instanceof KronRight && b.b === null)) return null;
  checkForget(dm.trainSize, forget);
  const c = dm.classes;
  const targets = dm.trainSize + dm.validationSize;
  const inner = dm.rank / c; // Σ ka
  const panels = Math.ceil(c / 8);
  const ldo = panels * 8;
  const ws = workspace('preview');
  // The same sizes lay out the same regions, so the activations uploaded last time are still there.
  const r = ws.layout({ a: targets * inner, w: inner * ldo, bias: ldo, out: targets * ldo });
  if (resident !== dm) {
    const a = ws.f32(r.a);
    let offset = 0;
    for (const b of blocks as KronRight[]) {
      for (let t = 0; t < targets; t++) a.set(b.a.subarray(t * b.ka, (t + 1) * b.ka), t * inner + offset);
      offset += b.ka;
    }
    resident = dm;
  }
  // U = Σ_{i∈F} L_i as [inner × C], packed into the kernel's 8-column panels (zero padded).
  const u = forgetSum(dm, forget);
  const w = ws.f32(r.w);
  w.fill(0);
  for (let k = 0; k < inner; k++) for (let j = 0; j < c; j++) w[(j >> 3) * inner * 8 + k * 8 + (j & 7)] = u[k * c + j];
  ws.f32(r.bias).fill(0);
  const start = set === 'train' ? 0 : dm.trainSize;
  const rows = set === 'train' ? dm.trainSize : dm.validationSize;
  ws.k.denseForward(r.a.ptr + start * inner * 4, rows, inner, r.w.ptr, panels, r.bias.ptr, r.out.ptr, ldo, false);
  const o = ws.f32(r.out);
  const out = new Float32Array(rows * c);
  for (let t = 0; t < rows; t++) for (let j = 0; j < c; j++) out[t * c + j] = o[t * ldo + j];
  if (dm.self && set === 'train') for (const i of forget) for (let j = 0; j < c; j++) out[i * c + j] += dm.self[i * c + j];
  return out;
}

/** Forgets the resident activations (tests; new datamodels replace them by themselves). */
export function dropResidentPreview(): void {
  resident = null;
  lastSum = null;
}
