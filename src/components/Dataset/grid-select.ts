/** What a selecting grid reports (pool indices), and the cells a drag rectangle touches. */
import type { GridLayout } from './grid-layout';

export type GridSelectEvent =
  | { kind: 'toggle'; index: number }
  | { kind: 'add'; indices: number[] }
  | { kind: 'remove'; indices: number[] };

/** Positions (in the filtered order) of the cells that a rectangle in content coordinates overlaps. */
export function cellsInRect(layout: GridLayout, count: number, r: { x0: number; y0: number; x1: number; y1: number }): number[] {
  const left = Math.min(r.x0, r.x1) - layout.offsetX;
  const right = Math.max(r.x0, r.x1) - layout.offsetX;
  const top = Math.min(r.y0, r.y1);
  const bottom = Math.max(r.y0, r.y1);
  const c0 = Math.max(0, Math.floor(left / layout.pitch));
  const c1 = Math.min(layout.cols - 1, Math.floor(right / layout.pitch));
  const r0 = Math.max(0, Math.floor(top / layout.pitch));
  const r1 = Math.min(layout.rows - 1, Math.floor(bottom / layout.pitch));
  const out: number[] = [];
  for (let row = r0; row <= r1; row++) {
    for (let col = c0; col <= c1; col++) {
      // A cell counts when the rectangle reaches its image, not just the gap before it.
      if (col * layout.pitch + layout.thumb < left || row * layout.pitch + layout.thumb < top) continue;
      const k = row * layout.cols + col;
      if (k < count) out.push(k);
    }
  }
  return out;
}
