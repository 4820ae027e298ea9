/** Connects the dataset grid to the forget-set picker: highlighted set and selection edits. */
import { useCallback } from 'react';
import type { GridSelectEvent } from '../Dataset/grid-select';
import { editSelection, setFocus, toggleIndex } from './forget-actions';
import { useForget } from './forget-store';

export function useGridSelection(): { selected: Uint8Array; onSelect: (e: GridSelectEvent) => void; onPoint: (index: number) => void } {
  const selected = useForget((s) => s.mask);
  const onSelect = useCallback((e: GridSelectEvent) => {
    if (e.kind === 'toggle') toggleIndex(e.index);
    else if (e.kind === 'add') editSelection(e.indices);
    else editSelection([], e.indices);
  }, []);
  return { selected, onSelect, onPoint: setFocus };
}
