/**
 * What the forget-set picker shows, beside the rule in the experiment store: the exact
 * indices the worker resolved the rule to, the pool map, the instant preview and the
 * datamodels it reads. Written only by forget-actions.ts.
 */
import { create } from 'zustand';
import type { DatamodelsInfo, ForgetPreview, PoolMap, Progress } from '../../../workers/entry/lab-api';

/** One pool image's predicted margin change, read from the preview's margins (no worker call). */
export interface FocusChange {
  index: number;
  before: number;
  after: number;
}

/** The preview as shown: the worker's, plus the focused image's change taken from its margins. */
export type ShownPreview = ForgetPreview & { focus: FocusChange | null };

export function focusChange(preview: ForgetPreview, focus: number | null): FocusChange | null {
  if (focus == null || focus < 0 || focus >= preview.margins.before.length) return null;
  return { index: focus, before: preview.margins.before[focus], after: preview.margins.after[focus] };
}

export interface ForgetState {
  status: 'idle' | 'resolving' | 'ready' | 'error';
  /** Sorted pool indices of the forget set (empty while resolving the first time). */
  indices: Int32Array;
  /** 1 for pool images in the set: what the grid and the map highlight. */
  mask: Uint8Array;
  classCounts: number[];
  poisoned: boolean;
  /** Why the set cannot be run (empty, whole pool, outside the pool…), or null. */
  problem: string | null;
  map: PoolMap | null;
  mapStatus: 'idle' | 'loading' | 'ready' | 'error';
  datamodels: DatamodelsInfo | null;
  datamodelsStatus: 'none' | 'computing' | 'ready' | 'error';
  datamodelsProgress: Progress | null;
  preview: ShownPreview | null;
  /** Change of the set → updated preview in the store, as the page saw it (worker time is preview.ms). */
  previewRoundTripMs: number | null;
  /** The pool image whose predicted margin change is shown (last clicked or hovered). */
  focus: number | null;
}

export const useForget = create<ForgetState>()(() => ({
  status: 'idle',
  indices: new Int32Array(0),
  mask: new Uint8Array(0),
  classCounts: [],
  poisoned: false,
  problem: null,
  map: null,
  mapStatus: 'idle',
  datamodels: null,
  datamodelsStatus: 'none',
  datamodelsProgress: null,
  preview: null,
  previewRoundTripMs: null,
  focus: null,
}));
