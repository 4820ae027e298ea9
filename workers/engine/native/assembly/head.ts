import { madd } from './madd';

// The MLP's output layer for every model of a shard, and the linear model's gradient packing.
//
// The hidden layer of all models is one dense output H [rows × ldh]; model m owns columns
// [m·wp, m·wp + wp) (wp = hidden width padded to a multiple of 8; padded units are 0).
// Its output weights are stored transposed, W2T [models][C][wp], so that every loop below
// runs over hidden units, four at a time. Logits come out as Z [models][rows][C].
// Sums run in a fixed order (hidden units in lane order, then rows in order), so the
// result of a model never depends on the other models of its shard.

/** Z[m][r][c] = b2[m][c] + Σ_j H[r][m·wp + j] · W2T[m][c][j]. */
export function headForward(h: usize, rows: i32, ldh: i32, models: i32, wp: i32, w2t: usize, b2: usize, C: i32, z: usize): void {
  const hRow = <usize>ldh << 2;
  const wBytes = <usize>wp << 2;
  for (let m = 0; m < models; m++) {
    const hm = h + (<usize>(m * wp) << 2);
    const wm = w2t + <usize>(m * C) * wBytes;
    const zm = z + (<usize>(m * rows * C) << 2);
    for (let r = 0; r < rows; r++) {
      const hr = hm + <usize>r * hRow;
      for (let c = 0; c < C; c++) {
        let acc = f32x4.splat(0);
        let a = hr;
        let b = wm + <usize>c * wBytes;
        const end = a + wBytes;
        while (a < end) {
          acc = madd(v128.load(a), v128.load(b), acc);
          a += 16;
          b += 16;
        }
        const s = (f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1)) + (f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3));
        store<f32>(zm + (<usize>(r * C + c) << 2), s + load<f32>(b2 + (<usize>(m * C + c) << 2)));
      }
    }
  }
}

/**
 * Back through the output layer: dW2T, db2 (overwritten), and the hidden gradient
 * dH = (dZ · W2) ⊙ 1[H > 0], written as panels of rows × 8 for the first layer's
 * weight gradient (panel m·wp/8 + j/8 holds units j…j+7 of model m).
 */
export function headBackward(
  h: usize, rows: i32, ldh: i32, models: i32, wp: i32, w2t: usize, dz: usize, C: i32,
  dw2t: usize, db2: usize, dhp: usize,
): void {
  const hRow = <usize>ldh << 2;
  const wBytes = <usize>wp << 2;
  const panelsPerModel = wp >> 3;
  const panelBytes = <usize>rows << 5;
  const zero = f32x4.splat(0);
  memory.fill(dw2t, 0, <usize>(models * C) * wBytes);
  memory.fill(db2, 0, <usize>(models * C) << 2);
  for (let m = 0; m < models; m++) {
    const hm = h + (<usize>(m * wp) << 2);
    const wm = w2t + <usize>(m * C) * wBytes;
    const dwm = dw2t + <usize>(m * C) * wBytes;
    const dzm = dz + (<usize>(m * rows * C) << 2);
    const dhm = dhp + <usize>(m * panelsPerModel) * panelBytes;
    for (let r = 0; r < rows; r++) {
      const hr = hm + <usize>r * hRow;
      const gr = dzm + (<usize>(r * C) << 2);
      for (let c = 0; c < C; c++) {
        const g = load<f32>(gr + (<usize>c << 2));
        const bc = db2 + (<usize>(m * C + c) << 2);
        store<f32>(bc, load<f32>(bc) + g);
        const gv = f32x4.splat(g);
        let a = hr;
        let o = dwm + <usize>c * wBytes;
        const end = a + wBytes;
        while (a < end) {
          v128.store(o, madd(gv, v128.load(a), v128.load(o)));
          a += 16;
          o += 16;
        }
      }
      for (let j = 0; j < wp; j += 8) {
        let lo = zero;
        let hi = zero;
        for (let c = 0; c < C; c++) {
          const gv = f32x4.splat(load<f32>(gr + (<usize>c << 2)));
          const w = wm + <usize>c * wBytes + (<usize>j << 2);
          lo = madd(gv, v128.load(w), lo);
          hi = madd(gv, v128.load(w, 16), hi);
        }
        const hj = hr + (<usize>j << 2);
        lo = v128.and(lo, f32x4.gt(v128.load(hj), zero));
        hi = v128.and(hi, f32x4.gt(v128.load(hj, 16), zero));
        const o = dhm + <usize>(j >> 3) * panelBytes + (<usize>r << 5);
        v128.store(o, lo);
        v128.store(o, hi, 16);
      }
    }
  }
}

/**
 * The linear model's logit gradient dZ [models][rows][C] as weight-gradient panels: model
 * m's classes are columns m·wp … m·wp + C − 1 of a wp-wide block, padding columns 0.
 */
export function packLogitGradient(dz: usize, models: i32, rows: i32, C: i32, wp: i32, dzp: usize): void {
  const panelBytes = <usize>rows << 5;
  memory.fill(dzp, 0, <usize>(models * (wp >> 3)) * panelBytes);
  for (let m = 0; m < models; m++) {
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < C; c++) {
        const n = m * wp + c;
        const o = dzp + <usize>(n >> 3) * panelBytes + (<usize>r << 5) + (<usize>(n & 7) << 2);
        store<f32>(o, load<f32>(dz + (<usize>((m * rows + r) * C + c) << 2)));
      }
    }
  }
}
