import { expect, test } from 'vitest';
import { METHOD_COLOURS } from './palette';

/** WCAG 2 relative luminance and contrast ratio against white. */
function contrastOnWhite(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
  return 1.05 / (l + 0.05);
}

test('every method colour reaches 3:1 on white (graphics) and the palette has no duplicates', () => {
  for (const [id, colour] of Object.entries(METHOD_COLOURS)) expect(contrastOnWhite(colour), id).toBeGreaterThanOrEqual(3);
  expect(new Set(Object.values(METHOD_COLOURS)).size).toBe(Object.keys(METHOD_COLOURS).length);
  expect(contrastOnWhite('#ffffff')).toBeCloseTo(1);
});
