/**
 * A run's margins in EasyDUB's folder layout (easydub-layout.ts reads it back), so the
 * EasyDUB scripts, and anyone else's, can score the lab's own methods:
 *
 *   forget_sets/cifar10/forget_set_0.npy                     the forget set (train-pool indices)
 *   margins/cifar10/pretrain/…                               the originals (Do nothing)
 *   margins/cifar10/<method id>/forget_0/resnet9/id_M_epoch_23.npy, …/{retain,val}/resnet9/…
 *   margins/cifar10/oracle/forget_0/{forget,retain,val}/resnet9/id_M_epoch_23.npy
 *                                                            the oracles, then the second oracles
 *
 * Each file is one model's margins on one group, in the results' `points` order. Retain and
 * validation hold the points the lab evaluated (its retain sample), not the whole train set,
 * and `points.json` beside them names their pool indices. EasyDUB's own evaluation reads
 * only the `pretrain` kind: rename a method's folder to `pretrain` to score it there.
 */
import { writeNpy } from '../npy/npy';
import type { ByGroup } from '../metrics';
import type { ExperimentResults } from './results';

export interface ExportedFile {
  path: string;
  bytes: Uint8Array;
}

const PHASE = { forget: 'forget', retain: 'retain', validation: 'val' } as const;
const file = (m: number) => `id_${m}_epoch_23.npy`;

function kindFiles(kind: string, margins: ByGroup<number[][]>, firstModel = 0): ExportedFile[] {
  const out: ExportedFile[] = [];
  for (const g of ['forget', 'retain', 'validation'] as const) {
    const folder = g === 'forget' ? `margins/cifar10/${kind}/forget_0/resnet9` : `margins/cifar10/${kind}/${PHASE[g]}/resnet9`;
    margins[g].forEach((row, m) => out.push({ path: `${folder}/${file(firstModel + m)}`, bytes: writeNpy(row, [row.length]) }));
  }
  return out;
}

function oracleFiles(margins: ByGroup<number[][]>, firstModel: number): ExportedFile[] {
  const out: ExportedFile[] = [];
  for (const g of ['forget', 'retain', 'validation'] as const) {
    margins[g].forEach((row, m) => out.push({ path: `margins/cifar10/oracle/forget_0/${PHASE[g]}/resnet9/${file(firstModel + m)}`, bytes: writeNpy(row, [row.length]) }));
  }
  return out;
}

export function easydubFiles(r: ExperimentResults): ExportedFile[] {
  const json = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
  const { originals, oracles, secondOracles: second } = r.reference;
  const files: ExportedFile[] = [
    { path: 'forget_sets/cifar10/forget_set_0.npy', bytes: writeNpy(r.points.forget, [r.points.forget.length]) },
    { path: 'points.json', bytes: json({ note: 'Pool indices of the points in each margins file, in file order (retain: the evaluated sample).', ...r.points }) },
    ...kindFiles('pretrain', originals.margins),
    ...oracleFiles(oracles.margins, 0),
    ...(second ? oracleFiles(second.margins, oracles.margins.forget.length) : []),
  ];
  const seen = new Map<string, number>();
  for (const m of r.methods) {
    if (!m.outputs || m.id === 'none') continue;
    // a method listed twice (two settings) gets a folder each: dmm, dmm-2, …
    const k = (seen.get(m.id) ?? 0) + 1;
    seen.set(m.id, k);
    files.push(...kindFiles(k === 1 ? m.id : `${m.id}-${k}`, m.outputs.margins));
  }
  return files;
}
