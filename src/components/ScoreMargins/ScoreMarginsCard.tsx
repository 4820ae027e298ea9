/**
 * "Score margins from elsewhere": margins of unlearned and oracle models computed outside
 * the lab (a GPU cluster, EasyDUB) scored by the lab's own evaluation code, the same as
 * `npm run lab -- evaluate`. Files stay on this machine; a bad file gets a message naming
 * it and the problem, and nothing else on the page changes.
 */
import { useState } from 'react';
import { readEasydubLayout } from '../../../workers/engine/experiment/easydub-layout';
import { evaluateMargins, pointGroupsSchema, type NamedMargins } from '../../../workers/engine/experiment/evaluate-margins';
import type { MethodEvaluation } from '../../../workers/engine/metrics';
import { parseNpy } from '../../../workers/engine/npy/npy';
import { UserError } from '../../../workers/engine/util/user-error';
import { useResultsView, useRunStore } from '../../state/run-store';
import { ChartCard } from '../Charts/ChartCard';
import { KlomChart } from '../Charts/KlomChart';
import { RocChart } from '../Charts/MiaCharts';
import { mismatch, withScored } from './next-to-run';
import { GROUP_LABEL, GROUPS, num, pct } from '../Charts/chart-data';
import { Field, controlClass } from '../Field/Field';
import chartStyles from '../Charts/Charts.module.css';
import styles from './ScoreMargins.module.css';

type Role = 'unlearned' | 'oracles' | 'oracles2' | 'points';
const ROLES: { role: Role; label: string; accept: string }[] = [
  { role: 'unlearned', label: 'Unlearned margins (.npy, models × points)', accept: '.npy' },
  { role: 'oracles', label: 'Oracle margins (.npy)', accept: '.npy' },
  { role: 'oracles2', label: 'Second oracles, for the noise floor (.npy, optional)', accept: '.npy' },
  { role: 'points', label: 'Point groups (points.json)', accept: '.json,application/json' },
];

async function npyOf(file: File): Promise<NamedMargins> {
  return { name: file.name, array: parseNpy(new Uint8Array(await file.arrayBuffer()), file.name) };
}

async function score(files: Partial<Record<Role, File>>): Promise<MethodEvaluation> {
  if (!files.unlearned || !files.oracles || !files.points) throw new UserError('Choose the unlearned margins, the oracle margins and the point groups (points.json).');
  let raw: unknown;
  try {
    raw = JSON.parse(await files.points.text());
  } catch {
    throw new UserError(`${files.points.name}: not valid JSON`);
  }
  const groups = pointGroupsSchema.safeParse(raw);
  if (!groups.success) throw new UserError(`${files.points.name}: ${groups.error.issues.map((i) => `${i.path.join('.') || 'file'}: ${i.message}`).join('; ')}`);
  return evaluateMargins({
    unlearned: await npyOf(files.unlearned),
    oracles: await npyOf(files.oracles),
    oracles2: files.oracles2 ? await npyOf(files.oracles2) : undefined,
    groups: groups.data,
    groupsName: files.points.name,
  });
}

/** An EasyDUB folder picked whole (the browser gives each file its path inside the folder). */
async function scoreEasydub(folder: File[]): Promise<{ evaluation: MethodEvaluation; summary: string }> {
  const input = await readEasydubLayout(folder.map((f) => ({ path: f.webkitRelativePath || f.name, read: async () => new Uint8Array(await f.arrayBuffer()) })));
  return { evaluation: evaluateMargins({ ...input, groupsName: 'the EasyDUB folder' }), summary: input.summary };
}

export function ScoreMarginsCard() {
  const [files, setFiles] = useState<Partial<Record<Role, File>>>({});
  const [result, setResult] = useState<MethodEvaluation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [summary, setSummary] = useState<string | null>(null);
  const run = async (scoreIt: () => Promise<{ evaluation: MethodEvaluation; summary: string | null }>) => {
    setBusy(true);
    setError(null);
    try {
      const out = await scoreIt();
      setResult(out.evaluation);
      setSummary(out.summary);
    } catch (e) {
      setResult(null);
      setError(e instanceof UserError ? e.message : `Could not score these files: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };
  const u = result?.ulira;
  const lab = useResultsView();
  const running = useRunStore((s) => s.status === 'running');
  const why = result && lab && !running ? mismatch(lab, result) : null;
  const beside = result && lab && !running && !why ? withScored(lab, result, summary ? 'EasyDUB folder' : 'Scored files') : null;
  return (
    <>
    <ChartCard
      id="score-margins"
      title="Score margins from elsewhere"
      height={440}
      exportable={false}
      explanation={
        <>
          Margins of unlearned and retrained models computed outside the lab (one [models × points] .npy per ensemble, float32 or float16) are scored with the lab&apos;s own KLoM, U-LiRA, population MIA and NeurIPS score. points.json lists
          which columns are the forget, retain and validation points: {'{"forget": [...], "retain": [...], "validation": [...]}'}, optionally with {'"labels": {"forget": [...], "validation": [...]}'}. The same as{' '}
          <code>npm run lab -- evaluate</code>. An EasyDUB folder (margins/cifar10/&#123;pretrain,oracle&#125;/…, forget_sets/cifar10/…) scores its pretrain models against its oracles, with half of the oracles as the noise floor when there are enough. Files never leave this machine.
        </>
      }
      table={
        result
          ? {
              columns: ['Metric', ...GROUPS.map((g) => GROUP_LABEL[g])],
              rows: [
                ['KLoM p95', ...GROUPS.map((g) => num(result.klom[g].summary.p95))],
                ['Noise floor p95', ...GROUPS.map((g) => (result.noiseFloor ? num(result.noiseFloor[g].summary.p95) : '—'))],
                ['Accuracy (margin > 0)', ...GROUPS.map((g) => pct(result.accuracy[g].mean))],
              ],
            }
          : undefined
      }
    >
      <div className={styles.body} data-testid="score-margins">
        <div className={styles.inputs}>
          {ROLES.map(({ role, label, accept }) => (
            <Field key={role} label={label}>
              {(id) => (
                <input id={id} className={controlClass} type="file" accept={accept} data-role={role} onChange={(e) => setFiles((f) => ({ ...f, [role]: e.target.files?.[0] }))} />
              )}
            </Field>
          ))}
          <button type="button" className={chartStyles.small} onClick={() => void run(async () => ({ evaluation: await score(files), summary: null }))} disabled={busy}>
            {busy ? 'Scoring…' : 'Score these margins'}
          </button>
          <Field label="Or a whole EasyDUB folder">
            {(id) => (
              <input
                id={id}
                className={controlClass}
                type="file"
                data-role="easydub"
                disabled={busy}
                // a folder picker: every browser supports the non-standard attribute
                {...{ webkitdirectory: '', directory: '' }}
                onChange={(e) => {
                  const picked = Array.from(e.currentTarget.files ?? []);
                  e.currentTarget.value = '';
                  if (picked.length) void run(() => scoreEasydub(picked));
                }}
              />
            )}
          </Field>
        </div>
        {error && (
          <p role="alert" className={styles.error}>
            {error}
          </p>
        )}
        {result && summary && <p className={styles.summary} data-testid="score-margins-summary">{summary}</p>}
        {result && (
          <dl className={styles.result} data-testid="score-margins-result">
            <dt>KLoM p95 (forget)</dt>
            <dd>
              {num(result.klom.forget.summary.p95)}
              {result.noiseFloor ? ` (noise floor ${num(result.noiseFloor.forget.summary.p95)})` : ' (no second oracles: no noise floor)'}
            </dd>
            <dt>U-LiRA AUC</dt>
            <dd>{u?.status === 'ok' ? `${num(u.auc)} (0.5 = the attack cannot tell it from Retrain)` : `needs at least ${u?.required} models per side`}</dd>
            <dt>Population MIA</dt>
            <dd>{result.populationMia.meanAccuracy != null ? pct(result.populationMia.meanAccuracy) : '—'}</dd>
            <dt>NeurIPS score</dt>
            <dd>{num(result.neurips.finalScore)}</dd>
            <dt>Models · points</dt>
            <dd>
              {result.models.unlearned} unlearned, {result.models.oracle} oracles · {result.points.forget} forget, {result.points.retain} retain, {result.points.validation} validation
            </dd>
          </dl>
        )}
      </div>
    </ChartCard>
    {beside && <KlomChart id="score-margins-beside" title="Scored margins next to this run's methods: KLoM" results={beside} />}
    {beside && <RocChart id="score-margins-beside-roc" title="Scored margins next to this run's methods: U-LiRA" results={beside} />}
    {result && lab && !running && why && (
      <p className={styles.summary} data-testid="score-margins-mismatch">
        Not charted next to this page&apos;s run: {why}.
      </p>
    )}
    </>
  );
}
