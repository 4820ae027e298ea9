/**
 * The training images as a scrollable grid, drawn on one canvas the size of the
 * viewport: only the visible rows are drawn (from ThumbnailAtlas tiles), so 5,000 or
 * 50,000 images scroll equally smoothly. A transparent scroller on top provides native
 * scrolling, hover and keyboard focus; arrow keys move a cursor whose class is announced.
 *
 * Selection (the forget-set picker, when `onSelect` is given): click toggles an image,
 * shift-click adds the range from the last clicked one, dragging adds the images a
 * rectangle touches (alt-drag removes them); Space toggles the keyboard cursor's image.
 * Selected images are tinted and outlined.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { cellsInRect, type GridSelectEvent } from './grid-select';
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
  /** 1 for selected pool images (drawn highlighted). */
  selected?: Uint8Array;
  /** Makes the grid a picker: clicks, shift-clicks and drags report pool indices. */
  onSelect?: (e: GridSelectEvent) => void;
  /** The pool image under the pointer (the instant preview shows its predicted change). */
  onPoint?: (index: number) => void;
}

export function ThumbnailGrid({ pixels, labels, classNames, classFilter, thumb, selected, onSelect, onPoint }: ThumbnailGridProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  // The scroller's content box: the canvas must not run under its scrollbar.
  const { width, height } = useElementSize(scrollRef);
  const [scrollTop, setScrollTop] = useState(0);
  /** Pointer position in viewport coordinates of the grid, or null when outside. */
  const [mouse, setMouse] = useState<{ x: number; y: number } | null>(null);
  const [cursor, setCursor] = useState<number | null>(null);
  /** Drag start and current point in content coordinates, while the button is down. */
  const [drag, setDrag] = useState<{ x0: number; y0: number; x1: number; y1: number; remove: boolean } | null>(null);
  /** Pool index of the last clicked image: the start of a shift-click range. */
  const anchorRef = useRef<number | null>(null);

  const atlas = useMemo(() => new ThumbnailAtlas(pixels, labels.length), [pixels, labels]);
  const order = useMemo(() => filterIndices(labels, classFilter), [labels, classFilter]);
  const layout = useMemo(() => layoutGrid(width, order.length, thumb), [width, order.length, thumb]);
  const pointed = mouse ? cellAt(layout, order.length, mouse.x, mouse.y + scrollTop) : null;
  const highlight = pointed ?? (cursor != null && cursor < order.length ? cursor : null);
  const highlighted = highlight != null ? order[highlight] : null;

  useEffect(() => {
    if (highlighted != null) onPoint?.(highlighted);
  }, [highlighted, onPoint]);

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
      if (selected?.[order[k]]) {
        ctx.fillStyle = 'rgb(0 114 178 / 35%)';
        ctx.fillRect(x, y - scrollTop, layout.thumb, layout.thumb);
        ctx.lineWidth = 2;
        ctx.strokeStyle = '#0072b2';
        ctx.strokeRect(x + 1, y - scrollTop + 1, layout.thumb - 2, layout.thumb - 2);
      }
      drawn++;
    }
    if (drag && (Math.abs(drag.x1 - drag.x0) > 3 || Math.abs(drag.y1 - drag.y0) > 3)) {
      ctx.fillStyle = drag.remove ? 'rgb(213 94 0 / 15%)' : 'rgb(0 114 178 / 15%)';
      ctx.strokeStyle = drag.remove ? '#d55e00' : '#0072b2';
      ctx.lineWidth = 1.5;
      const rx = Math.min(drag.x0, drag.x1);
      const ry = Math.min(drag.y0, drag.y1) - scrollTop;
      ctx.fillRect(rx, ry, Math.abs(drag.x1 - drag.x0), Math.abs(drag.y1 - drag.y0));
      ctx.strokeRect(rx, ry, Math.abs(drag.x1 - drag.x0), Math.abs(drag.y1 - drag.y0));
    }
    if (highlight != null) {
      const { x, y } = cellOrigin(layout, highlight);
      ctx.lineWidth = 2;
      ctx.strokeStyle = '#e69f00';
      ctx.strokeRect(x - 1, y - scrollTop - 1, layout.thumb + 2, layout.thumb + 2);
    }
    patchGrid({ shown: order.length, drawn });
  }, [atlas, order, layout, scrollTop, highlight, width, height, selected, drag]);

  // A new filter or dataset starts at the top.
  useEffect(() => {
    // Braces matter: scrollTo returns a promise in recent Chromium, and React would call it as a cleanup.
    scrollRef.current?.scrollTo({ top: 0 });
  }, [order]);

  const onMove = (e: MouseEvent<HTMLDivElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    setMouse({ x: e.clientX - rect.left, y: e.clientY - rect.top });
    if (drag) setDrag({ ...drag, x1: e.clientX - rect.left, y1: e.clientY - rect.top + e.currentTarget.scrollTop });
  };

  const onDown = (e: MouseEvent<HTMLDivElement>) => {
    if (!onSelect || e.button !== 0) return;
    const rect = e.currentTarget.getBoundingClientRect();
    const x = e.clientX - rect.left;
    if (x >= e.currentTarget.clientWidth) return; // the scrollbar
    const y = e.clientY - rect.top + e.currentTarget.scrollTop;
    setDrag({ x0: x, y0: y, x1: x, y1: y, remove: e.altKey });
  };

  const onUp = (e: MouseEvent<HTMLDivElement>) => {
    if (!onSelect || !drag) return;
    const d = drag;
    setDrag(null);
    if (Math.abs(d.x1 - d.x0) <= 3 && Math.abs(d.y1 - d.y0) <= 3) {
      const k = cellAt(layout, order.length, d.x0, d.y0);
      if (k == null) return;
      const index = order[k];
      const anchor = anchorRef.current != null ? order.indexOf(anchorRef.current) : -1;
      if (e.shiftKey && anchor >= 0) {
        const [a, b] = anchor < k ? [anchor, k] : [k, anchor];
        onSelect({ kind: 'add', indices: Array.from(order.subarray(a, b + 1)) });
      } else onSelect({ kind: 'toggle', index });
      anchorRef.current = index;
      return;
    }
    const cells = cellsInRect(layout, order.length, d);
    onSelect({ kind: d.remove ? 'remove' : 'add', indices: cells.map((k) => order[k]) });
  };

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const step: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: layout.cols, ArrowUp: -layout.cols, PageDown: layout.cols * 4, PageUp: -layout.cols * 4 };
    let next: number | null = null;
    if (e.key in step) next = Math.min(order.length - 1, Math.max(0, (cursor ?? -step[e.key]) + step[e.key]));
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = order.length - 1;
    else if (e.key === ' ' && onSelect && cursor != null && cursor < order.length) {
      e.preventDefault();
      onSelect({ kind: 'toggle', index: order[cursor] });
      anchorRef.current = order[cursor];
      return;
    }
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
        onMouseLeave={() => {
          setMouse(null);
          setDrag(null);
        }}
        onMouseDown={onDown}
        onMouseUp={onUp}
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
