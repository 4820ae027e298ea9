/**
 * The EasyDUB benchmark's folder layout (the DMM authors' CIFAR-10 ResNet-9 margins),
 * read into the lab's margin matrices so `evaluateMargins` scores it like any other input:
 *
 *   forget_sets/cifar10/forget_set_K.npy                                  forget indices
 *   margins/cifar10/pretrain/forget_K/resnet9/id_M_epoch_E.npy            originals on F
 *   margins/cifar10/pretrain/{retain,val}/resnet9/id_M_epoch_E.npy        originals on R, V
 *   margins/cifar10/oracle/forget_K/{forget,retain,val}/resnet9/id_M_…    oracles (retrained without F)
 *
 * "Unlearned" here is the pretrain models (Do nothing), or any other model kind stored the
 * same way (`unlearned` names that folder). The pretrain retain file may cover the whole
 * train set (then F is masked out, as EasyDUB's own retain_mask does) or the retain set only.
 * With at least twice as many oracles as unlearned models, the second half is the noise floor.
 */
import { parseNpy } from '../npy/npy';
import { MarginInputError, type NamedMargins, type PointGroups } from './evaluate-margins';

export interface LayoutFile {
  /** Path inside the picked folder, '/'-separated (a File's webkitRelativePath, or relative to the CLI's folder). */
  path: string;
  read(): Promise<Uint8Array>;
}

export interface EasydubInput {
  unlearned: NamedMargins;
  oracles: NamedMargins;
  oracles2?: NamedMargins;
  groups: PointGroups;
  /** What was read, in one sentence for the page and the CLI. */
  summary: string;
}

type Phase = 'forget' | 'retain' | 'val';
const PHASES: Phase[] = ['forget', 'retain', 'val'];

/** model id → file, for the folder `folder` (a regex source ending in '/'). */
function modelFiles(files: LayoutFile[], folder: string): Map<number, LayoutFile> {
  const pattern = new RegExp(`(?:^|/)margins/cifar10/${folder}id_(\\d+)_epoch_\\d+\\.npy$`);
  const out = new Map<number, LayoutFile>();
  for (const f of files) {
    const m = f.path.match(pattern);
    if (m) out.set(Number(m[1]), f);
  }
  return out;
}

const common = (maps: Map<number, LayoutFile>[]) => [...maps[0].keys()].filter((id) => maps.every((m) => m.has(id))).sort((a, b) => a - b);

async function vector(f: LayoutFile): Promise<Float32Array> {
  const a = parseNpy(await f.read(), f.path);
  if (a.shape.length !== 1) throw new MarginInputError(f.path, `expected one model's margins as a 1-D array, got shape [${a.shape.join(', ')}]`);
  return a.data;
}

export async function readEasydubLayout(files: LayoutFile[], options: { forgetSet?: number; models?: number; unlearned?: string } = {}): Promise<EasydubInput> {
  const sets = new Map<number, LayoutFile>();
  for (const f of files) {
    const m = f.path.match(/(?:^|\/)forget_sets\/cifar10\/forget_set_(\d+)\.npy$/);
    if (m) sets.set(Number(m[1]), f);
  }
  if (sets.size === 0) throw new MarginInputError('the folder', 'no forget_sets/cifar10/forget_set_K.npy: this is not an EasyDUB layout');
  const k = options.forgetSet ?? Math.min(...sets.keys());
  const setFile = sets.get(k);
  if (!setFile) throw new MarginInputError('the folder', `no forget set ${k}; it has ${[...sets.keys()].sort((a, b) => a - b).join(', ')}`);
  const forgetIdx = Array.from((parseNpy(await setFile.read(), setFile.path)).data, (v) => Math.round(v));

  const kind = options.unlearned ?? 'pretrain';
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const unlearned: Record<Phase, Map<number, LayoutFile>> = {
    forget: modelFiles(files, `${esc(kind)}/forget_${k}/resnet9/`),
    retain: modelFiles(files, `${esc(kind)}/retain/resnet9/`),
    val: modelFiles(files, `${esc(kind)}/val/resnet9/`),
  };
  const oracle = Object.fromEntries(PHASES.map((p) => [p, modelFiles(files, `oracle/forget_${k}/${p}/resnet9/`)])) as Record<Phase, Map<number, LayoutFile>>;
  const uIds = common(PHASES.map((p) => unlearned[p]));
  const oIds = common(PHASES.map((p) => oracle[p]));
  if (uIds.length === 0) throw new MarginInputError(`margins/cifar10/${kind}`, `no model has margins for all of forget_${k}, retain and val`);
  if (oIds.length === 0) throw new MarginInputError(`margins/cifar10/oracle/forget_${k}`, 'no oracle model has margins for all of forget, retain and val');
  const n = Math.min(options.models ?? Infinity, uIds.length, oIds.length);
  const floor = oIds.length >= 2 * n;

  // The column layout: forget | retain | val, sized by the first oracle's files.
  const size: Record<Phase, number> = { forget: 0, retain: 0, val: 0 };
  for (const p of PHASES) size[p] = (await vector(oracle[p].get(oIds[0])!)).length;
  if (size.forget !== forgetIdx.length) throw new MarginInputError(oracle.forget.get(oIds[0])!.path, `${size.forget} margins, but forget set ${k} has ${forgetIdx.length} points`);
  const total = size.forget + size.retain + size.val;

  const matrix = async (name: string, ids: number[], phases: Record<Phase, Map<number, LayoutFile>>): Promise<NamedMargins> => {
    const values = new Float32Array(ids.length * total);
    for (const [r, id] of ids.entries()) {
      let offset = r * total;
      for (const p of PHASES) {
        const f = phases[p].get(id)!;
        let v = await vector(f);
        if (p === 'retain' && v.length === size.retain + size.forget) v = withoutForget(v, forgetIdx);
        if (v.length !== size[p]) throw new MarginInputError(f.path, `${v.length} margins where the oracles have ${size[p]} ${p} points`);
        values.set(v, offset);
        offset += v.length;
      }
    }
    return { name, array: { shape: [ids.length, total], dtype: 'float32', data: values } };
  };
  const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
  return {
    unlearned: await matrix(`margins/cifar10/${kind} (forget set ${k})`, uIds.slice(0, n), unlearned),
    oracles: await matrix(`margins/cifar10/oracle/forget_${k}`, oIds.slice(0, n), oracle),
    oracles2: floor ? await matrix(`margins/cifar10/oracle/forget_${k} (second half)`, oIds.slice(n, 2 * n), oracle) : undefined,
    groups: { forget: range(0, size.forget), retain: range(size.forget, size.retain), validation: range(size.forget + size.retain, size.val) },
    summary: `EasyDUB forget set ${k}: ${n} ${kind} models against ${n} oracles${floor ? ` (and ${n} more for the noise floor)` : ' (too few oracles for a noise floor)'}; ${size.forget.toLocaleString('en')} forget, ${size.retain.toLocaleString('en')} retain, ${size.val.toLocaleString('en')} validation points.`,
  };
}

/** A whole-train-set margin vector without the forget points (EasyDUB's retain_mask). */
function withoutForget(v: Float32Array, forget: number[]): Float32Array {
  const drop = new Uint8Array(v.length);
  for (const i of forget) if (i >= 0 && i < v.length) drop[i] = 1;
  return v.filter((_, i) => !drop[i]);
}
