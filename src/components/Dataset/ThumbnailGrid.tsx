/**
 * The training images as a scrollable grid, drawn on one canvas the size of the
 * viewport: only the visible rows are drawn (from ThumbnailAtlas tiles), so 5,000 or
 * 50,000 images scroll equally smoothly. A transparent scroller on top provides native
 * scrolling, hover and keyboard focus; arrow keys move a cursor whose class is announced.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { patchGrid } from '../../state/store';
import { cellAt, cellOrigin, layoutGrid, visibleRows } from './grid-layout';
import { ThumbnailAtlas } from './thumbnail-atlas';
import { useElementSize } from './useElementSize';
import styles from './ThumbnailGrid.module.css';

interface ThumbnailGridProps {
  pixels: Uint8Array;
  labels: Uint8Array;
  classNames: string[];
  /** Only this class, or all. */
  classFilter: number | null;
  /** Thumbnail edge in CSS pixels. */
  thumb: number;
}

export function ThumbnailGrid({ pixels, labels, classNames, classFilter, thumb }: ThumbnailGridProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  // The scroller's content box: the canvas must not run under its scrollbar.
  const { width, height } = useElementSize(scrollRef);
  const [scrollTop, setScrollTop] = useState(0);
  /** Pointer position in viewport coordinates of the grid, or null when outside. */
  const [mouse, setMouse] = useState<{ x: number; y: number } | null>(null);
  const [cursor, setCursor] = useState<number | null>(null);

  const atlas = useMemo(() => new ThumbnailAtlas(pixels, labels.length), [pixels, labels]);
  const order = useMemo(() => filterIndices(labels, classFilter), [labels, classFilter]);
  const layout = useMemo(() => layoutGrid(width, order.length, thumb), [width, order.length, thumb]);
  const pointed = mouse ? cellAt(layout, order.length, mouse.x, mouse.y + scrollTop) : null;
  const highlight = pointed ?? (cursor != null && cursor < order.length ? cursor : null);

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || width === 0 || height === 0) return;
    const dpr = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(height * dpr)) {
      canvas.width = Math.round(width * dpr);
      canvas.height = Math.round(height * dpr);
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    ctx.imageSmoothingEnabled = false;
    const { first, last } = visibleRows(layout, scrollTop, height);
    let drawn = 0;
    for (let k = first * layout.cols; k < Math.min(order.length, last * layout.cols); k++) {
      const { x, y } = cellOrigin(layout, k);
      atlas.draw(ctx, order[k], x, y - scrollTop, layout.thumb);
      drawn++;
    }
    if (highlight != null) {
      const { x, y } = cellOrigin(layout, highlight);
      ctx.lineWidth = 2;
      ctx.strokeStyle = '#e69f00';
      ctx.strokeRect(x - 1, y - scrollTop - 1, layout.thumb + 2, layout.thumb + 2);
    }
    patchGrid({ shown: order.length, drawn });
  }, [atlas, order, layout, scrollTop, highlight, width, height]);

  // A new filter or dataset starts at the top.
  useEffect(() => {
    // Braces matter: scrollTo returns a promise in recent Chromium, and React would call it as a cleanup.
    scrollRef.current?.scrollTo({ top: 0 });
  }, [order]);

  const onMove = (e: MouseEvent<HTMLDivElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    setMouse({ x: e.clientX - rect.left, y: e.clientY - rect.top });
  };

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const step: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: layout.cols, ArrowUp: -layout.cols, PageDown: layout.cols * 4, PageUp: -layout.cols * 4 };
    let next: number | null = null;
    if (e.key in step) next = Math.min(order.length - 1, Math.max(0, (cursor ?? -step[e.key]) + step[e.key]));
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = order.length - 1;
    if (next == null || order.length === 0) return;
    e.preventDefault();
    setCursor(next);
    setMouse(null);
    const { y } = cellOrigin(layout, next);
    const el = e.currentTarget;
    if (y < el.scrollTop) el.scrollTop = y;
    else if (y + layout.thumb > el.scrollTop + height) el.scrollTop = y + layout.thumb - height;
  };

  const label = (k: number) => `#${order[k]} · ${classNames[labels[order[k]]] ?? `class ${labels[order[k]]}`}`;
  let tip: { text: string; left: number; top: number; below: boolean } | null = null;
  if (highlight != null) {
    const { x, y } = cellOrigin(layout, highlight);
    const top = y - scrollTop;
    const below = top < 30;
    tip = { text: label(highlight), left: Math.min(Math.max(x + layout.thumb / 2, 60), width - 60), top: below ? top + layout.thumb + 6 : top - 6, below };
  }

  return (
    <div className={styles.wrap}>
      <canvas ref={canvasRef} className={styles.canvas} style={{ width, height }} data-testid="thumbnail-canvas" aria-hidden />
      <div
        ref={scrollRef}
        className={styles.scroller}
        tabIndex={0}
        role="region"
        aria-label={`Training images, ${order.length.toLocaleString('en')} shown. Use the arrow keys to inspect them.`}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        onMouseMove={onMove}
        onMouseLeave={() => setMouse(null)}
        onKeyDown={onKey}
        onBlur={() => setCursor(null)}
        data-testid="thumbnail-grid"
      >
        <div style={{ height: layout.totalHeight }} />
      </div>
      {tip && (
        <div className={`${styles.tip} ${tip.below ? styles.below : ''}`} style={{ left: tip.left, top: tip.top }} role="tooltip">
          {tip.text}
        </div>
      )}
      <div className="visually-hidden" aria-live="polite">
        {cursor != null && cursor < order.length ? `Image ${cursor + 1} of ${order.length}: ${label(cursor)}` : ''}
      </div>
    </div>
  );
}

/** Pool indices of the images that pass the class filter, in pool order. */
function filterIndices(labels: Uint8Array, classFilter: number | null): Int32Array {
  if (classFilter == null) return Int32Array.from({ length: labels.length }, (_, i) => i);
  const out: number[] = [];
  for (let i = 0; i < labels.length; i++) if (labels[i] === classFilter) out.push(i);
  return Int32Array.from(out);
}
