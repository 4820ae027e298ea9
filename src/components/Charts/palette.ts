/**
 * One colour per method, the same in every chart: the Okabe-Ito hues (safe under the
 * common colour-vision deficiencies), darkened where needed to reach 3:1 contrast on white
 * (WCAG's bar for graphics). Retrain is black and "Do nothing" grey because they are the
 * two ends every other method sits between. References are drawn dashed.
 */
import { createElement } from 'react';
import type { MethodId } from '../../../workers/engine/methods/types';

export const METHOD_COLOURS: Record<MethodId, string> = {
  retrain: '#000000',
  none: '#767676',
  ft: '#b87800',
  ga: '#d55e00',
  gd: '#b0588a',
  rl: '#857400',
  scrub: '#2b87c0',
  om: '#0072b2',
  dmm: '#008a63',
  'dm-direct': '#005c45',
  iu: '#6a3d9a',
  ssd: '#8c564b',
  salun: '#a6326e',
  'l1-sparse': '#4d6b00',
  noisy: '#5b6b7a',
};

export const REFERENCE_COLOURS = { originals: '#767676', oracles: '#000000', floor: '#9aa5b1' } as const;

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
  iu: 'IU',
  ssd: 'SSD',
  salun: 'SalUn',
  'l1-sparse': 'ℓ1-sparse',
  noisy: 'Noisy',
};

export const shortName = (id: string): string => SHORT[id as MethodId] ?? id;

/** Legend entries in body text colour (recharts draws them in the series colour, pale for pale series). */
export const darkLegendText = (value: unknown) => createElement('span', { style: { color: '#1b2129' } }, String(value));
