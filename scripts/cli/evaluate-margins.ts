/** `npm run lab -- evaluate`: the lab's metrics on margin files computed elsewhere. */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { readEasydubLayout, type LayoutFile } from '../../workers/engine/experiment/easydub-layout';
import { evaluateMargins, pointGroupsSchema, type NamedMargins } from '../../workers/engine/experiment/evaluate-margins';
import type { MethodEvaluation } from '../../workers/engine/metrics';
import { parseNpy } from '../../workers/engine/npy/npy';

const read = (path: string): NamedMargins => ({ name: path, array: parseNpy(new Uint8Array(readFileSync(path)), path) });

interface EvaluateArgs {
  unlearned?: string;
  oracles?: string;
  oracles2?: string;
  points?: string;
  out?: string;
  easydub?: string;
  'forget-set'?: string;
  models?: string;
}

/** Every file under `dir`, as layout files with '/'-separated paths relative to it. */
function folderFiles(dir: string): LayoutFile[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((d) => d.isFile())
    .map((d) => {
      const full = join(d.parentPath, d.name);
      return { path: relative(dir, full).split(sep).join('/'), read: async () => new Uint8Array(readFileSync(full)) };
    });
}

export async function evaluateMarginFiles(a: EvaluateArgs): Promise<void> {
  if (a.easydub) {
    const input = await readEasydubLayout(folderFiles(a.easydub), {
      forgetSet: a['forget-set'] != null ? Number(a['forget-set']) : undefined,
      models: a.models != null ? Number(a.models) : undefined,
      unlearned: a.unlearned,
    });
    console.log(input.summary);
    report(evaluateMargins({ ...input, groupsName: a.easydub }), a.out, { easydub: a.easydub, forgetSet: a['forget-set'] ?? null, unlearned: a.unlearned ?? 'pretrain' });
    return;
  }
  if (!a.unlearned || !a.oracles || !a.points) throw new Error('evaluate needs --unlearned U.npy --oracles O.npy --points points.json (see --help)');
  const parsed = pointGroupsSchema.safeParse(JSON.parse(readFileSync(a.points, 'utf8')));
  if (!parsed.success) throw new Error(`${a.points}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'file'}: ${i.message}`).join('; ')}`);
  const evaluation = evaluateMargins({ unlearned: read(a.unlearned), oracles: read(a.oracles), oracles2: a.oracles2 ? read(a.oracles2) : undefined, groups: parsed.data, groupsName: a.points });
  report(evaluation, a.out, { unlearned: a.unlearned, oracles: a.oracles, oracles2: a.oracles2 ?? null, points: a.points });
}

function report(evaluation: MethodEvaluation, outPath: string | undefined, inputs: Record<string, unknown>): void {
  const out = outPath ?? 'evaluation.json';
  writeFileSync(out, JSON.stringify({ format: 'unlearning-lab/evaluation', version: 1, inputs, evaluation }));
  const p95 = (g: 'forget' | 'retain' | 'validation') => evaluation.klom[g].summary.p95.toFixed(3);
  const floor = evaluation.noiseFloor ? ` (noise floor ${evaluation.noiseFloor.forget.summary.p95.toFixed(3)})` : ' (no --oracles2: no noise floor)';
  console.log(`KLoM p95: forget ${p95('forget')}${floor}, retain ${p95('retain')}, validation ${p95('validation')}`);
  const u = evaluation.ulira;
  const auc = u.status === 'ok' ? `U-LiRA AUC ${u.auc.toFixed(3)}` : `U-LiRA needs at least ${u.required} models per side`;
  console.log(`${auc}; accuracy forget ${(100 * evaluation.accuracy.forget.mean).toFixed(1)}% (margin > 0); wrote ${out}`);
}
