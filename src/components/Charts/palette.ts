/**
 * One colour per method, the same in every chart (Okabe-Ito, safe under the common
 * colour-vision deficiencies; Retrain is black and "Do nothing" grey because they are
 * the two ends every other method sits between). References are drawn dashed.
 */
import type { MethodId } from '../../../workers/engine/methods/types';

export const METHOD_COLOURS: Record<MethodId, string> = {
  retrain: '#000000',
  none: '#8a8a8a',
  ft: '#e69f00',
  ga: '#d55e00',
  gd: '#cc79a7',
  rl: '#c9b800',
  scrub: '#56b4e9',
  om: '#0072b2',
  dmm: '#009e73',
  'dm-direct': '#005c45',
};

export const REFERENCE_COLOURS = { originals: '#8a8a8a', oracles: '#000000', floor: '#9aa5b1' } as const;

export const methodColour = (id: string): string => METHOD_COLOURS[id as MethodId] ?? '#444444';

/** Short names for crowded axes (the legend and the table carry the full labels). */
const SHORT: Record<MethodId, string> = {
  retrain: 'Retrain',
  none: 'Do nothing',
  ft: 'FT',
  ga: 'GA',
  gd: 'GD',
  rl: 'RL',
  scrub: 'SCRUB',
  om: 'OM',
  dmm: 'DMM',
  'dm-direct': 'DM-direct',
};

export const shortName = (id: string): string => SHORT[id as MethodId] ?? id;
