import { describe, expect, test } from 'vitest';
import { GRID_GAP, cellAt, cellOrigin, layoutGrid, visibleRows } from './grid-layout';

describe('grid layout', () => {
  const thumb = 32;
  const pitch = thumb + GRID_GAP;
  const layout = layoutGrid(10 * pitch - GRID_GAP, 5000, thumb);

  test('fits whole columns into the width', () => {
    expect(layout.cols).toBe(10);
    expect(layout.rows).toBe(500);
    expect(layout.offsetX).toBe(0);
    expect(layoutGrid(10 * pitch - GRID_GAP - 1, 5000, thumb).cols).toBe(9);
  });

  test('only the rows in the viewport are visible', () => {
    expect(visibleRows(layout, 0, 3 * pitch)).toEqual({ first: 0, last: 3 });
    expect(visibleRows(layout, pitch * 2 + 5, 3 * pitch)).toEqual({ first: 2, last: 6 });
    expect(visibleRows(layout, layout.totalHeight, 3 * pitch).last).toBe(500);
  });

  test('finds the cell under a point, and none in a gap or past the end', () => {
    expect(cellAt(layout, 5000, 1, 1)).toBe(0);
    expect(cellAt(layout, 5000, pitch + 1, pitch * 3 + 1)).toBe(31);
    expect(cellAt(layout, 5000, thumb + 1, 1)).toBeNull();
    expect(cellAt(layout, 25, 9 * pitch + 1, 2 * pitch + 1)).toBeNull();
    expect(cellOrigin(layout, 31)).toEqual({ x: pitch, y: 3 * pitch });
  });
});
