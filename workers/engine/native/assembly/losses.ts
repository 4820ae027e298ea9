// Loss terms on logits, for every model of a shard. Each term covers the batch rows
// [from, to), is a mean over them (per model), is multiplied by `termWeight` (negative for
// ascent), and ADDS its gradient to dZ [models][rows][C] and its value to loss[m] (f64).
//
// Logits are read with strides so that both layouts work: the MLP head's Z [models][rows][C]
// (zModel = rows·C, zRow = C) and the linear model's dense output (zModel = wp, zRow = ldo).
// exp/log come from AssemblyScript's own (musl-derived) Math, compiled into this module:
// the same bits in every JavaScript engine, unlike the host's Math.exp.

// @ts-ignore: decorator
@inline
function zAt(z: usize, zModel: i32, zRow: i32, m: i32, r: i32, c: i32): f64 {
  return <f64>load<f32>(z + (<usize>(m * zModel + r * zRow + c) << 2));
}

// @ts-ignore: decorator
@inline
function addGrad(dz: usize, rows: i32, C: i32, m: i32, r: i32, c: i32, g: f64): void {
  const p = dz + (<usize>((m * rows + r) * C + c) << 2);
  store<f32>(p, load<f32>(p) + <f32>g);
}

/** log Σ_c exp(scale · z[c]) for one row (stable). */
function logSumExp(z: usize, zModel: i32, zRow: i32, m: i32, r: i32, C: i32, scale: f64): f64 {
  let max = -Infinity;
  for (let c = 0; c < C; c++) max = Math.max(max, scale * zAt(z, zModel, zRow, m, r, c));
  let s = 0.0;
  for (let c = 0; c < C; c++) s += Math.exp(scale * zAt(z, zModel, zRow, m, r, c) - max);
  return max + Math.log(s);
}

/**
 * Cross-entropy with labels [models][rows] (i32). With `weights` (f32 [models][rows], 0 =
 * none) a model's mean runs over its weighted rows: Σ w·CE / max(Σ w, 1), which is how
 * subset models learn only from their own subset.
 */
export function crossEntropyTerm(
  z: usize, zModel: i32, zRow: i32, models: i32, C: i32, rows: i32, from: i32, to: i32,
  labels: usize, weights: usize, termWeight: f64, dz: usize, loss: usize,
): void {
  if (to <= from) return;
  for (let m = 0; m < models; m++) {
    let count: f64 = <f64>(to - from);
    if (weights != 0) {
      count = 0;
      for (let r = from; r < to; r++) count += <f64>load<f32>(weights + (<usize>(m * rows + r) << 2));
      count = Math.max(count, 1);
    }
    let sum = 0.0;
    for (let r = from; r < to; r++) {
      const w: f64 = weights != 0 ? <f64>load<f32>(weights + (<usize>(m * rows + r) << 2)) : 1.0;
      if (w == 0) continue;
      const y = load<i32>(labels + (<usize>(m * rows + r) << 2));
      const lse = logSumExp(z, zModel, zRow, m, r, C, 1);
      sum += w * (lse - zAt(z, zModel, zRow, m, r, y));
      const scale = (termWeight * w) / count;
      for (let c = 0; c < C; c++) {
        const p = Math.exp(zAt(z, zModel, zRow, m, r, c) - lse);
        addGrad(dz, rows, C, m, r, c, scale * (c == y ? p - 1 : p));
      }
    }
    const lp = loss + (<usize>m << 3);
    store<f64>(lp, load<f64>(lp) + (termWeight * sum) / count);
  }
}

/** Mean squared error to targets [models][rows][C] over the term's rows and all C logits. */
export function squaredErrorTerm(
  z: usize, zModel: i32, zRow: i32, models: i32, C: i32, rows: i32, from: i32, to: i32,
  targets: usize, termWeight: f64, dz: usize, loss: usize,
): void {
  if (to <= from) return;
  const count = <f64>((to - from) * C);
  for (let m = 0; m < models; m++) {
    let sum = 0.0;
    for (let r = from; r < to; r++) {
      for (let c = 0; c < C; c++) {
        const d = zAt(z, zModel, zRow, m, r, c) - <f64>load<f32>(targets + (<usize>((m * rows + r) * C + c) << 2));
        sum += d * d;
        addGrad(dz, rows, C, m, r, c, (termWeight * 2 * d) / count);
      }
    }
    const lp = loss + (<usize>m << 3);
    store<f64>(lp, load<f64>(lp) + (termWeight * sum) / count);
  }
}

/**
 * Distillation KL(teacher ‖ student) at temperature T, scaled by T² (SCRUB's DistillKL):
 * Σ_c p_t (log p_t − log p_s) per row, mean over rows. Teacher logits [models][rows][C].
 * Its gradient in the student's logits is T · (p_s − p_t).
 */
export function distillationTerm(
  z: usize, zModel: i32, zRow: i32, models: i32, C: i32, rows: i32, from: i32, to: i32,
  teacher: usize, temperature: f64, termWeight: f64, dz: usize, loss: usize,
): void {
  if (to <= from) return;
  const count = <f64>(to - from);
  const inv = 1 / temperature;
  for (let m = 0; m < models; m++) {
    let sum = 0.0;
    for (let r = from; r < to; r++) {
      const lseS = logSumExp(z, zModel, zRow, m, r, C, inv);
      const lseT = logSumExp(teacher, rows * C, C, m, r, C, inv);
      let kl = 0.0;
      for (let c = 0; c < C; c++) {
        const logPt = inv * zAt(teacher, rows * C, C, m, r, c) - lseT;
        const logPs = inv * zAt(z, zModel, zRow, m, r, c) - lseS;
        const pt = Math.exp(logPt);
        kl += pt * (logPt - logPs);
        addGrad(dz, rows, C, m, r, c, (termWeight * temperature * (Math.exp(logPs) - pt)) / count);
      }
      sum += kl * temperature * temperature;
    }
    const lp = loss + (<usize>m << 3);
    store<f64>(lp, load<f64>(lp) + (termWeight * sum) / count);
  }
}
