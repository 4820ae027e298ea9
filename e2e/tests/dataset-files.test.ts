/**
 * Data from outside: a bad link parameter and a wrong file give clear messages and lose
 * nothing; the official CIFAR-10 files (the development subset) load into the grid.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from '../support/fixtures';
import { screenshot } from '../support/screenshots';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Present only where `npm run data:cifar10` was run before the build (never in a fresh checkout). */
const PREPARED_INDEX = join(ROOT, 'dist', 'datasets', 'index.json');

/** The first dataset the built page lists (the build always ships an index, maybe empty). */
function firstPrepared(): { id: string; name: string; trainSize: number } | undefined {
  if (!existsSync(PREPARED_INDEX)) return undefined;
  return (JSON.parse(readFileSync(PREPARED_INDEX, 'utf8')) as { datasets: { id: string; name: string; trainSize: number }[] }).datasets[0];
}
const SUBSET = process.env.CIFAR10_SUBSET ?? resolve(fileURLToPath(new URL('../../..', import.meta.url)), 'shared', 'data', 'cifar10-subset');

// One browser, in order: each test goes on from where the one before left the page.
test.describe.configure({ mode: 'serial' });

test('an invalid ?backend= gives a message and the automatic choice', async ({ lab }) => {
  test.setTimeout(90_000);
  await lab.open({ backend: 'quantum' });
  const s = await lab.waitForBackend();
  assert.equal(s.backendPreference, 'auto');
  assert.equal(s.backend?.requested, 'auto');
  const warning = s.messages.find((m) => m.tone === 'warning');
  assert.match(warning?.text ?? '', /Unknown backend "quantum"/);
  await lab.messages.filter({ hasText: 'quantum' }).getByRole('button', { name: /Dismiss/ }).click();
  assert.equal((await lab.snapshot()).messages.length, 0);
});

test('a wrong dataset file gives a clear message and the page stays usable', async ({ session, lab }) => {
  test.setTimeout(60_000);
  const before = await lab.snapshot();
  await lab.uploadFiles([
    { name: 'data_batch_1.bin', buffer: Buffer.alloc(5000, 7) },
    { name: 'test_batch.bin', buffer: Buffer.alloc(3073 * 2, 1) },
  ]);
  const s = await lab.waitFor((x) => x.messages.some((m) => m.tone === 'error'), 20_000, 'an error message');
  const error = s.messages.find((m) => m.tone === 'error')!;
  assert.match(error.text, /^data_batch_1\.bin: /, 'the message names the file');
  assert.match(error.text, /still loaded/);
  await lab.messages.filter({ hasText: 'data_batch_1.bin' }).waitFor();
  await screenshot(session.page, '07-wrong-file');

  // Nothing lost: same dataset, grid still drawn, Train still available.
  assert.equal(s.datasetStatus, 'ready');
  assert.equal(s.dataset?.hash, before.dataset?.hash);
  assert.ok(s.grid.drawn > 0);
  assert.ok(await lab.trainButton.isEnabled());
  assert.equal(await session.page.getByLabel('Dataset', { exact: true }).inputValue(), 'synthetic');
});

test('the official CIFAR-10 files load into the grid', async ({ session, lab }) => {
  test.skip(!existsSync(SUBSET), `no CIFAR-10 subset at ${SUBSET}`);
  test.setTimeout(60_000);
  const files = readdirSync(SUBSET).filter((f) => /^(data_batch_\d\.bin|test_batch\.bin|batches\.meta\.txt)$/.test(f)).map((f) => join(SUBSET, f));
  await lab.uploadFiles(files);
  const s = await lab.waitFor((x) => x.datasetStatus === 'ready' && x.dataset?.id === 'cifar10' && x.grid.drawn > 0, 30_000, 'CIFAR-10');
  assert.equal(s.dataset?.classNames[0], 'airplane');
  assert.equal(s.dataset?.trainSize, s.grid.shown);
  assert.equal(s.pixelBytes, (s.dataset?.trainSize ?? 0) * 3072);
  const pixels = await lab.canvasStats();
  assert.ok(pixels.colours > 500, `real photos: ${pixels.colours} colours`);
  await screenshot(session.page, '08-cifar10-files');
});

test('a prepared CIFAR-10 folder listed in /datasets/index.json can be chosen', async ({ session, lab }) => {
  test.skip(!firstPrepared(), 'no prepared dataset (npm run data:cifar10)');
  test.setTimeout(60_000);
  const entry = firstPrepared()!;
  await session.page.getByLabel('Dataset', { exact: true }).selectOption(`prepared:${entry.id}`);
  const s = await lab.waitFor((x) => x.datasetStatus === 'ready' && x.dataset?.id === entry.id, 30_000, entry.name);
  assert.equal(s.dataset?.trainSize, entry.trainSize);
  assert.equal(s.grid.shown, entry.trainSize);
});
