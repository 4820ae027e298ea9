/**
 * Scoring margins computed elsewhere in the page: generated margin files (oracles and a
 * second oracle set drawn alike, unlearned ones whose forget margins were kept high) give
 * the same KLoM and AUC as the engine's evaluateMargins on the same arrays; a file of the
 * wrong shape gets a message naming it, and the page stays usable. A generated folder in
 * EasyDUB's layout, picked whole, scores as the CLI scores it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluateMargins } from '../../workers/engine/experiment/evaluate-margins';
import { parseNpy, writeNpy } from '../../workers/engine/npy/npy';
import { expect, test } from '../support/fixtures';
import { screenshot } from '../support/screenshots';

test.use({ open: { backend: 'wasm' } });

const MODELS = 16;
const POINTS = 90;
function margins(seed: number, shift: number): Uint8Array {
  let s = seed;
  const normal = () => {
    s = (s * 1103515245 + 12345) >>> 0;
    const u = (s + 1) / 2 ** 32;
    s = (s * 1103515245 + 12345) >>> 0;
    return Math.sqrt(-2 * Math.log(u)) * Math.cos((2 * Math.PI * s) / 2 ** 32);
  };
  return writeNpy(Float32Array.from({ length: MODELS * POINTS }, (_, i) => normal() + (i % POINTS < 30 ? shift : 0)), [MODELS, POINTS]);
}
const cols = (from: number) => Array.from({ length: 30 }, (_, i) => from + i);
const points = { forget: cols(0), retain: cols(30), validation: cols(60) };

test('margins computed elsewhere are scored like a run; a wrong file is named', async ({ session }) => {
  test.setTimeout(120_000);
  const page = session.page;
  const card = page.getByTestId('score-margins');
  await card.scrollIntoViewIfNeeded();
  const files = { unlearned: margins(1, 2), oracles: margins(2, 0), oracles2: margins(3, 0) };
  const input = (role: string) => card.locator(`input[data-role="${role}"]`);
  for (const [role, bytes] of Object.entries(files)) await input(role).setInputFiles({ name: `${role}.npy`, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
  await input('points').setInputFiles({ name: 'points.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(points)) });
  await card.getByRole('button', { name: 'Score these margins' }).click();
  const result = page.getByTestId('score-margins-result');
  await result.waitFor({ timeout: 20_000 });
  const text = (await result.textContent()) ?? '';
  const expected = evaluateMargins({
    unlearned: { name: 'u', array: parseNpy(files.unlearned, 'u') },
    oracles: { name: 'o', array: parseNpy(files.oracles, 'o') },
    oracles2: { name: 'o2', array: parseNpy(files.oracles2, 'o2') },
    groups: points,
    groupsName: 'points.json',
  });
  assert.ok(text.includes(expected.klom.forget.summary.p95.toFixed(3)), `${text} vs KLoM ${expected.klom.forget.summary.p95}`);
  assert.ok(expected.ulira.status === 'ok' && text.includes(expected.ulira.auc.toFixed(3)), text);
  assert.ok(text.includes(`noise floor ${expected.noiseFloor!.forget.summary.p95.toFixed(3)}`), text);
  await screenshot(page, '22-score-margins');

  // a 1-D file in the oracles' place: named, and the page keeps working
  await input('oracles').setInputFiles({ name: 'flat.npy', mimeType: 'application/octet-stream', buffer: Buffer.from(writeNpy(new Float32Array(POINTS), [POINTS])) });
  await card.getByRole('button', { name: 'Score these margins' }).click();
  await card.getByRole('alert').waitFor({ timeout: 10_000 });
  assert.match((await card.getByRole('alert').textContent()) ?? '', /^flat\.npy: expected a \[models × points\] matrix, got shape \[90\]/);
  await expect(page.getByTestId('run-experiment')).toBeEnabled({ timeout: 30_000 }); // the page is still usable
});

test('an EasyDUB folder picked whole is scored as `npm run lab -- evaluate --easydub` scores it', async ({ session }) => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'easydub-'));
  const run = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', ...args], { encoding: 'utf8' });
  assert.equal(run(['scripts/make-easydub-sample.ts', dir]).status, 0);
  const cli = run(['scripts/lab.ts', 'evaluate', '--easydub', dir, '--out', join(dir, 'evaluation.json')]);
  assert.equal(cli.status, 0, cli.stderr);
  console.log(`[e2e] CLI on the generated EasyDUB folder:\n${cli.stdout.trim()}`);
  const expected = JSON.parse(readFileSync(join(dir, 'evaluation.json'), 'utf8')).evaluation as { klom: { forget: { summary: { p95: number } } }; ulira: { auc: number } };

  const card = session.page.getByTestId('score-margins');
  await card.scrollIntoViewIfNeeded();
  await card.locator('input[data-role="easydub"]').setInputFiles(dir);
  await session.page.getByTestId('score-margins-summary').waitFor({ timeout: 60_000 });
  assert.match((await session.page.getByTestId('score-margins-summary').textContent()) ?? '', /EasyDUB forget set 0: 32 pretrain models against 32 oracles \(and 32 more for the noise floor\)/);
  const text = (await session.page.getByTestId('score-margins-result').textContent()) ?? '';
  assert.ok(text.includes(expected.klom.forget.summary.p95.toFixed(3)), `${text} vs the CLI's KLoM ${expected.klom.forget.summary.p95}`);
  assert.ok(text.includes(expected.ulira.auc.toFixed(3)), text);
  await screenshot(session.page, '23-score-easydub-folder');
  assert.deepEqual(session.errors, []);
});
