// Adam over a contiguous run of parameters (a model's share of the flat parameter buffer),
// in the same arithmetic as tfjs's AdamOptimizer:
//   m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²
//   θ ← θ − lr · (m / (1−β1^t)) / (√(v / (1−β2^t)) + ε)
// Four at a time, then the rest one by one with the same operations in the same order.

export function adam(
  param: usize, grad: usize, m1: usize, m2: usize, count: i32,
  lr: f32, beta1: f32, beta2: f32, epsilon: f32, correction1: f32, correction2: f32,
): void {
  const b1 = f32x4.splat(beta1);
  const b2 = f32x4.splat(beta2);
  const c1 = f32x4.splat(1 - beta1);
  const c2 = f32x4.splat(1 - beta2);
  const k1 = f32x4.splat(correction1);
  const k2 = f32x4.splat(correction2);
  const eps = f32x4.splat(epsilon);
  const step = f32x4.splat(-lr);
  const vectorEnd = param + ((<usize>count >> 2) << 4);
  let p = param, g = grad, a = m1, b = m2;
  while (p < vectorEnd) {
    const gv = v128.load(g);
    const mv = f32x4.add(f32x4.mul(v128.load(a), b1), f32x4.mul(gv, c1));
    const vv = f32x4.add(f32x4.mul(v128.load(b), b2), f32x4.mul(f32x4.mul(gv, gv), c2));
    v128.store(a, mv);
    v128.store(b, vv);
    const update = f32x4.div(f32x4.div(mv, k1), f32x4.add(f32x4.sqrt(f32x4.div(vv, k2)), eps));
    v128.store(p, f32x4.add(f32x4.mul(update, step), v128.load(p)));
    p += 16;
    g += 16;
    a += 16;
    b += 16;
  }
  const end = param + (<usize>count << 2);
  while (p < end) {
    const gs = load<f32>(g);
    const ms = load<f32>(a) * beta1 + gs * (1 - beta1);
    const vs = load<f32>(b) * beta2 + gs * gs * (1 - beta2);
    store<f32>(a, ms);
    store<f32>(b, vs);
    const update = ms / correction1 / (Mathf.sqrt(vs / correction2) + epsilon);
    store<f32>(p, update * -lr + load<f32>(p));
    p += 4;
    g += 4;
    a += 4;
    b += 4;
  }
}

/** True when every one of `count` floats is finite (the final word on a diverged model). */
export function allFinite(x: usize, count: i32): bool {
  const end = x + (<usize>count << 2);
  for (let p = x; p < end; p += 4) {
    const v = load<f32>(p);
    if (!isFinite<f32>(v)) return false;
  }
  return true;
}
