// Dense float64 linear algebra for attribution: the inverse of a symmetric positive definite
// matrix (TRAK's kernel, group Newton's curvature factors), row-major n × n. The inner loops
// are dot products and axpys over contiguous row prefixes, two lanes at a time.

// @ts-ignore: decorator
@inline
function dot(a: usize, b: usize, count: i32): f64 {
  let acc = f64x2.splat(0);
  let k = 0;
  for (; k + 2 <= count; k += 2) acc = f64x2.add(acc, f64x2.mul(v128.load(a + (<usize>k << 3)), v128.load(b + (<usize>k << 3))));
  let s = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  for (; k < count; k++) s += load<f64>(a + (<usize>k << 3)) * load<f64>(b + (<usize>k << 3));
  return s;
}

// @ts-ignore: decorator
@inline
function axpy(y: usize, x: usize, alpha: f64, count: i32): void {
  const av = f64x2.splat(alpha);
  let k = 0;
  for (; k + 2 <= count; k += 2) {
    const p = y + (<usize>k << 3);
    v128.store(p, f64x2.add(v128.load(p), f64x2.mul(av, v128.load(x + (<usize>k << 3)))));
  }
  for (; k < count; k++) {
    const p = y + (<usize>k << 3);
    store<f64>(p, load<f64>(p) + alpha * load<f64>(x + (<usize>k << 3)));
  }
}

/**
 * A⁻¹ into `inv` (n × n) for SPD A; `work` is n × n scratch (L, then L⁻¹ in place of it).
 * Returns 0, or j + 1 when A is not positive definite at pivot j.
 */
export function spdInverse(a: usize, n: i32, work: usize, inv: usize): i32 {
  const row = <usize>n << 3;
  // Cholesky A = L Lᵀ into work's lower triangle
  memory.copy(work, a, <usize>n * row);
  for (let j = 0; j < n; j++) {
    const rj = work + <usize>j * row;
    const d = load<f64>(rj + (<usize>j << 3)) - dot(rj, rj, j);
    if (!(d > 0)) return j + 1;
    const ljj = Math.sqrt(d);
    store<f64>(rj + (<usize>j << 3), ljj);
    for (let i = j + 1; i < n; i++) {
      const ri = work + <usize>i * row;
      store<f64>(ri + (<usize>j << 3), (load<f64>(ri + (<usize>j << 3)) - dot(ri, rj, j)) / ljj);
    }
  }
  // W = L⁻¹ (lower), into inv's rows as scratch, then A⁻¹ = Wᵀ W back into inv
  memory.fill(inv, 0, <usize>n * row);
  for (let i = 0; i < n; i++) {
    const li = work + <usize>i * row;
    const wi = inv + <usize>i * row;
    for (let k = 0; k < i; k++) {
      const lik = load<f64>(li + (<usize>k << 3));
      if (lik != 0) axpy(wi, inv + <usize>k * row, lik, k + 1);
    }
    const lii = load<f64>(li + (<usize>i << 3));
    for (let j = 0; j < i; j++) store<f64>(wi + (<usize>j << 3), -load<f64>(wi + (<usize>j << 3)) / lii);
    store<f64>(wi + (<usize>i << 3), 1 / lii);
  }
  // W now in inv; move it to work (L is no longer needed) and accumulate Wᵀ W
  memory.copy(work, inv, <usize>n * row);
  memory.fill(inv, 0, <usize>n * row);
  for (let k = 0; k < n; k++) {
    const wk = work + <usize>k * row;
    for (let i = 0; i <= k; i++) {
      const wki = load<f64>(wk + (<usize>i << 3));
      if (wki != 0) axpy(inv + <usize>i * row, wk, wki, i + 1);
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) store<f64>(inv + ((<usize>j * n + i) << 3), load<f64>(inv + ((<usize>i * n + j) << 3)));
  return 0;
}
