/**
 * The x axis of a per-method chart: every method's short name, level while few fit side
 * by side, turned upright when more would run together (the table and tooltips carry the
 * full labels). Upright labels never overlap: each takes one line height of width.
 */
import type { ReactElement } from 'react';

/** Up to this many methods the names fit level in a ~330 px plot. */
const LEVEL_MAX = 5;
/** Room under the plot for upright names up to ~10 characters of 11 px text. */
const UPRIGHT_HEIGHT = 64;

type TickInput = { x?: number | string; y?: number | string; payload?: { value?: unknown } };

function UprightTick(props: TickInput & { name(value: string): string }): ReactElement {
  const x = Number(props.x ?? 0);
  const y = Number(props.y ?? 0) + 4;
  return (
    <text x={x} y={y} transform={`rotate(-90 ${x} ${y})`} textAnchor="end" dominantBaseline="central" fontSize={11} fill="#1b2129">
      {props.name(String(props.payload?.value ?? ''))}
    </text>
  );
}

/** Props for recharts' XAxis: all ticks shown, named by `name(dataKey value)`, upright when there are more than a few. */
export function methodAxis(name: (value: string) => string, count: number) {
  if (count <= LEVEL_MAX) return { interval: 0 as const, tickFormatter: name, tick: { fontSize: 11, fill: '#1b2129' } };
  return {
    interval: 0 as const,
    height: UPRIGHT_HEIGHT,
    tick: (p: TickInput) => <UprightTick {...p} name={name} />,
  };
}
