/**
 * npm run -s lab:easydub-sample -- DIR: writes a small synthetic folder in the EasyDUB
 * layout (forget set 0: 100 of 5,000 train points; 1,000 validation points; 32 pretrain
 * and 64 oracle models), with margins drawn from known distributions: the oracles
 * ~ N(c(x), 1), the pretrain models the same plus 2 on the forget points (not forgotten).
 * For trying `npm run lab -- evaluate --easydub DIR` and the page's folder picker.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeNpy } from '../workers/engine/npy/npy';
import { Rng } from '../workers/engine/util/rng';

const dir = process.argv[2];
if (!dir) throw new Error('usage: npm run -s lab:easydub-sample -- DIR');
const TRAIN = 5000;
const VAL = 1000;
const forget = Array.from(new Rng(1).sample(TRAIN, 100)).sort((a, b) => a - b);
const inForget = new Set(forget);
const retain = Array.from({ length: TRAIN }, (_, i) => i).filter((i) => !inForget.has(i));
const centre = (p: number) => ((p * 37) % 11) / 2 - 1;
const put = (path: string, data: number[]) => {
  const full = join(dir, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, writeNpy(data, [data.length]));
};
const draw = (seed: number, points: number[], shift: (p: number) => number) => {
  const rng = new Rng(seed);
  return points.map((p) => centre(p) + rng.normal() + shift(p));
};
const all = Array.from({ length: TRAIN }, (_, i) => i);
const val = Array.from({ length: VAL }, (_, i) => TRAIN + i);
put('forget_sets/cifar10/forget_set_0.npy', forget);
for (let m = 0; m < 32; m++) {
  put(`margins/cifar10/pretrain/forget_0/resnet9/id_${m}_epoch_23.npy`, draw(10_000 + m, forget, () => 2));
  put(`margins/cifar10/pretrain/retain/resnet9/id_${m}_epoch_23.npy`, draw(20_000 + m, all, (p) => (inForget.has(p) ? 2 : 0)));
  put(`margins/cifar10/pretrain/val/resnet9/id_${m}_epoch_23.npy`, draw(30_000 + m, val, () => 0));
}
for (let m = 0; m < 64; m++) {
  put(`margins/cifar10/oracle/forget_0/forget/resnet9/id_${m}_epoch_23.npy`, draw(40_000 + m, forget, () => 0));
  put(`margins/cifar10/oracle/forget_0/retain/resnet9/id_${m}_epoch_23.npy`, draw(50_000 + m, retain, () => 0));
  put(`margins/cifar10/oracle/forget_0/val/resnet9/id_${m}_epoch_23.npy`, draw(60_000 + m, val, () => 0));
}
console.log(`wrote an EasyDUB-layout folder to ${dir}: forget set 0 (100 points), 32 pretrain and 64 oracle models`);
