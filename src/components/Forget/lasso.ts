/** Which points (x, y pairs) lie inside a polygon: even–odd ray casting, with a bounding-box pre-check. */
export function pointsInPolygon(xy: Float32Array, polygon: readonly (readonly [number, number])[]): number[] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of polygon) {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const out: number[] = [];
  for (let i = 0; i < xy.length / 2; i++) {
    const px = xy[2 * i];
    const py = xy[2 * i + 1];
    if (px < minX || px > maxX || py < minY || py > maxY) continue;
    let inside = false;
    for (let a = 0, b = polygon.length - 1; a < polygon.length; b = a++) {
      const [xa, ya] = polygon[a];
      const [xb, yb] = polygon[b];
      if (ya > py !== yb > py && px < ((xb - xa) * (py - ya)) / (yb - ya) + xa) inside = !inside;
    }
    if (inside) out.push(i);
  }
  return out;
}
