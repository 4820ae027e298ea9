/**
 * Method names beside a scatter's dots, laid out in the chart's own pixels: the axes' scales
 * and the plot area come from recharts, the text widths from the browser's font metrics, so
 * the layout is the one drawn. A label sits next to its dot, or a few lines above it with a
 * leader line; one with no clear spot is left out (the tooltip and the table still name its
 * point) rather than drawn over another label or dot.
 */
import { DefaultZIndexes, usePlotArea, useXAxisScale, useYAxisScale, ZIndexLayer } from 'recharts';
import { placeLabels } from './chart-data';

const FONT_PX = 11;
/** Room the labels may take beyond the plot: the chart's top and right margins. */
const SPILL = { top: 14, right: 38 };
/** Clearance around each label's text, in pixels. */
const PAD = 1.5;

let measurer: CanvasRenderingContext2D | null | undefined;
/** The page's label font, read once per render (getComputedStyle forces a style pass). */
function labelFont(): string | null {
  measurer ??= typeof document !== 'undefined' ? document.createElement('canvas').getContext('2d') : null;
  return measurer ? `${FONT_PX}px ${getComputedStyle(document.body).fontFamily || 'sans-serif'}` : null;
}

/** How the browser draws a label in `font`: its width and one line's ascent and descent (estimates without canvas). */
function textMetrics(text: string, font: string | null): { width: number; ascent: number; descent: number } {
  if (!measurer || !font) return { width: 0.6 * FONT_PX * text.length, ascent: FONT_PX, descent: 0.25 * FONT_PX };
  measurer.font = font;
  const m = measurer.measureText(text);
  return { width: m.width, ascent: m.fontBoundingBoxAscent || FONT_PX, descent: m.fontBoundingBoxDescent || 0.25 * FONT_PX };
}

export interface LabelledPoint { key: string; x: number; y: number; radius: number; label: string }

export function PointLabels({ points }: { points: readonly LabelledPoint[] }) {
  const xScale = useXAxisScale();
  const yScale = useYAxisScale();
  const plot = usePlotArea();
  if (!xScale || !yScale || !plot) return null;
  const font = labelFont();
  const drawn = points.flatMap((p) => {
    const x = xScale(p.x);
    const y = yScale(p.y);
    if (x == null || y == null || !Number.isFinite(x) || !Number.isFinite(y)) return [];
    return [{ ...p, px: x, py: y, metrics: textMetrics(p.label, font) }];
  });
  const lineHeight = Math.ceil(Math.max(FONT_PX, ...drawn.map((d) => d.metrics.ascent + d.metrics.descent))) + 2 * PAD;
  const spots = placeLabels(
    drawn.map((d) => ({ x: d.px, y: d.py, r: d.radius, width: d.metrics.width + 2 * PAD })),
    {
      height: lineHeight,
      gap: 1,
      maxLift: 3,
      bounds: { left: plot.x, top: plot.y - SPILL.top, right: plot.x + plot.width + SPILL.right, bottom: plot.y + plot.height },
    },
  );
  return (
    <ZIndexLayer zIndex={DefaultZIndexes.label}>
      <g pointerEvents="none">
        {drawn.map((d, i) => {
          const spot = spots[i];
          if (!spot) return null;
          const { box } = spot;
          return (
            <g key={d.key}>
              {spot.leader && <line x1={d.px} y1={d.py - d.radius} x2={box.left + PAD} y2={box.bottom - PAD} stroke="#5a6472" strokeWidth={0.75} />}
              <text x={box.left + PAD} y={box.bottom - PAD - d.metrics.descent} fontSize={FONT_PX} fill="#1b2129" data-point-label>
                {d.label}
              </text>
            </g>
          );
        })}
      </g>
    </ZIndexLayer>
  );
}
