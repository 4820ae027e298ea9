/**
 * Geometry of the thumbnail grid, kept pure so it can be unit-tested: how many columns
 * fit, which rows are visible at a scroll offset, and which image is under a point.
 */
export interface GridLayout {
  cols: number;
  rows: number;
  /** Thumbnail edge in CSS pixels. */
  thumb: number;
  /** Distance between the starts of neighbouring cells (thumb + gap). */
  pitch: number;
  /** Left margin that centres the columns in the width. */
  offsetX: number;
  totalHeight: number;
}

export const GRID_GAP = 3;

export function layoutGrid(width: number, count: number, thumb: number): GridLayout {
  const pitch = thumb + GRID_GAP;
  const cols = Math.max(1, Math.floor((width + GRID_GAP) / pitch));
  const rows = Math.ceil(count / cols);
  const used = cols * pitch - GRID_GAP;
  return { cols, rows, thumb, pitch, offsetX: Math.max(0, Math.floor((width - used) / 2)), totalHeight: Math.max(0, rows * pitch - GRID_GAP) };
}

/** Rows [first, last) that intersect the viewport. */
export function visibleRows(layout: GridLayout, scrollTop: number, viewportHeight: number): { first: number; last: number } {
  const first = Math.max(0, Math.floor(scrollTop / layout.pitch));
  const last = Math.min(layout.rows, Math.ceil((scrollTop + viewportHeight) / layout.pitch));
  return { first, last };
}

/** Position in the filtered order of the cell at content coordinates (x, y), or null in a gap or past the end. */
export function cellAt(layout: GridLayout, count: number, x: number, y: number): number | null {
  const cx = x - layout.offsetX;
  if (cx < 0 || y < 0) return null;
  const col = Math.floor(cx / layout.pitch);
  const row = Math.floor(y / layout.pitch);
  if (col >= layout.cols || cx - col * layout.pitch > layout.thumb || y - row * layout.pitch > layout.thumb) return null;
  const k = row * layout.cols + col;
  return k < count ? k : null;
}

/** Top-left corner of cell k in content coordinates. */
export function cellOrigin(layout: GridLayout, k: number): { x: number; y: number } {
  return { x: layout.offsetX + (k % layout.cols) * layout.pitch, y: Math.floor(k / layout.cols) * layout.pitch };
}
