/** `npm run lab -- evaluate`: the lab's metrics on margin files computed elsewhere. */
import { readFileSync, writeFileSync } from 'node:fs';
import { evaluateMargins, pointGroupsSchema, type NamedMargins } from '../../workers/engine/experiment/evaluate-margins';
import { parseNpy } from '../../workers/engine/npy/npy';

const read = (path: string): NamedMargins => ({ name: path, array: parseNpy(new Uint8Array(readFileSync(path)), path) });

export function evaluateMarginFiles(a: { unlearned?: string; oracles?: string; oracles2?: string; points?: string; out?: string }): void {
  if (!a.unlearned || !a.oracles || !a.points) throw new Error('evaluate needs --unlearned U.npy --oracles O.npy --points points.json (see --help)');
  const parsed = pointGroupsSchema.safeParse(JSON.parse(readFileSync(a.points, 'utf8')));
  if (!parsed.success) throw new Error(`${a.points}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'file'}: ${i.message}`).join('; ')}`);
  const evaluation = evaluateMargins({ unlearned: read(a.unlearned), oracles: read(a.oracles), oracles2: a.oracles2 ? read(a.oracles2) : undefined, groups: parsed.data, groupsName: a.points });
  const out = a.out ?? 'evaluation.json';
  writeFileSync(out, JSON.stringify({ format: 'unlearning-lab/evaluation', version: 1, inputs: { unlearned: a.unlearned, oracles: a.oracles, oracles2: a.oracles2 ?? null, points: a.points }, evaluation }));
  const p95 = (g: 'forget' | 'retain' | 'validation') => evaluation.klom[g].summary.p95.toFixed(3);
  const floor = evaluation.noiseFloor ? ` (noise floor ${evaluation.noiseFloor.forget.summary.p95.toFixed(3)})` : ' (no --oracles2: no noise floor)';
  console.log(`KLoM p95: forget ${p95('forget')}${floor}, retain ${p95('retain')}, validation ${p95('validation')}`);
  const u = evaluation.ulira;
  const auc = u.status === 'ok' ? `U-LiRA AUC ${u.auc.toFixed(3)}` : `U-LiRA needs at least ${u.required} models per side`;
  console.log(`${auc}; accuracy forget ${(100 * evaluation.accuracy.forget.mean).toFixed(1)}% (margin > 0); wrote ${out}`);
}
