/**
 * The train pool as a 2-D map (PCA of the fixed features, computed in the worker), one dot
 * per image coloured by class; the forget set is drawn as dark-ringed dots on top. Drag a
 * lasso to add the images inside it (alt-drag removes them); hovering names the nearest image.
 */
import { useEffect, useRef, useState, type PointerEvent } from 'react';
import type { PoolMap } from '../../../workers/entry/lab-api';
import { useElementSize } from '../Dataset/useElementSize';
import { pointsInPolygon } from './lasso';
import styles from './ForgetPanel.module.css';

/** Okabe–Ito plus two: distinguishable for colour-blind readers. */
export const CLASS_COLOURS = ['#e69f00', '#56b4e9', '#009e73', '#f0e442', '#0072b2', '#d55e00', '#cc79a7', '#7f7f7f', '#8c564b', '#17becf'];

interface Props {
  map: PoolMap;
  labels: Uint8Array;
  selected: Uint8Array;
  onLasso(indices: number[], remove: boolean): void;
  onHover(index: number | null): void;
}

const PAD = 6;

export function PoolMapCanvas({ map, labels, selected, onLasso, onHover }: Props) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const { width, height } = useElementSize(wrapRef);
  const [path, setPath] = useState<{ points: [number, number][]; remove: boolean } | null>(null);

  const toScreen = (i: number): [number, number] => [PAD + map.xy[2 * i] * (width - 2 * PAD), PAD + (1 - map.xy[2 * i + 1]) * (height - 2 * PAD)];

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || width === 0 || height === 0) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const n = labels.length;
    const sx = (i: number) => PAD + map.xy[2 * i] * (width - 2 * PAD);
    const sy = (i: number) => PAD + (1 - map.xy[2 * i + 1]) * (height - 2 * PAD);
    ctx.globalAlpha = 0.55;
    for (let i = 0; i < n; i++) {
      ctx.fillStyle = CLASS_COLOURS[labels[i] % CLASS_COLOURS.length];
      ctx.fillRect(sx(i) - 1.5, sy(i) - 1.5, 3, 3);
    }
    ctx.globalAlpha = 1;
    ctx.lineWidth = 1;
    ctx.strokeStyle = '#1b2129';
    for (let i = 0; i < n; i++) {
      if (!selected[i]) continue;
      ctx.fillStyle = CLASS_COLOURS[labels[i] % CLASS_COLOURS.length];
      ctx.beginPath();
      ctx.arc(sx(i), sy(i), 2.8, 0, Math.PI * 2);
      ctx.fill();
      ctx.stroke();
    }
    if (path && path.points.length > 1) {
      ctx.beginPath();
      ctx.moveTo(...path.points[0]);
      for (const p of path.points.slice(1)) ctx.lineTo(...p);
      ctx.closePath();
      ctx.fillStyle = path.remove ? 'rgb(213 94 0 / 12%)' : 'rgb(0 114 178 / 12%)';
      ctx.fill();
      ctx.strokeStyle = path.remove ? '#d55e00' : '#0072b2';
      ctx.setLineDash([4, 3]);
      ctx.stroke();
      ctx.setLineDash([]);
    }
  }, [map, labels, selected, width, height, path]);

  const local = (e: PointerEvent<HTMLCanvasElement>): [number, number] => {
    const r = e.currentTarget.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  };

  const nearest = (x: number, y: number): number | null => {
    let best: number | null = null;
    let bestD = 36;
    for (let i = 0; i < labels.length; i++) {
      const [px, py] = toScreen(i);
      const d = (px - x) ** 2 + (py - y) ** 2;
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    return best;
  };

  return (
    <div ref={wrapRef} className={styles.mapWrap}>
      <canvas
        ref={canvasRef}
        className={styles.mapCanvas}
        style={{ width, height }}
        data-testid="pool-map"
        aria-label="Map of the training images (PCA of their features), coloured by class. Drag a lasso to add images to the forget set; alt-drag removes."
        role="img"
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          setPath({ points: [local(e)], remove: e.altKey });
        }}
        onPointerMove={(e) => {
          const p = local(e);
          if (path) setPath({ ...path, points: [...path.points, p] });
          else onHover(nearest(...p));
        }}
        onPointerUp={() => {
          if (!path) return;
          const done = path;
          setPath(null);
          if (done.points.length < 3) return;
          const pts = new Float32Array(labels.length * 2);
          for (let i = 0; i < labels.length; i++) pts.set(toScreen(i), 2 * i);
          onLasso(pointsInPolygon(pts, done.points), done.remove);
        }}
        onPointerLeave={() => onHover(null)}
      />
    </div>
  );
}
