/**
 * A whole unlearning experiment in the page on WebAssembly: the table and the results
 * file carry the SAME numbers as the command-line twin on the same description (same
 * backend ⇒ same bits); cancelling keeps the finished methods and a new run works.
 */
import assert from 'node:assert/strict';
import { unzipSync } from 'fflate';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExperimentResults } from '../../src/testing/lab-snapshot';
import { test } from '../support/fixtures';
import { workersNamed } from '../support/lanes';
import { screenshot } from '../support/screenshots';

// The second test goes on in the first one's browser (its dataset size, its panel).
test.describe.configure({ mode: 'serial' });

/** The small experiment (dataset: the page's 1,000-image synthetic set, 200 validation). */
const SMALL = {
  seed: 0,
  model: { kind: 'mlp', hidden: 32 },
  training: { epochs: 4, batchSize: 128, learningRate: 0.003, schedule: 'cosine' },
  ensemble: { models: 4 },
  forget: { kind: 'random', count: 20 },
  methods: [{ id: 'none', params: {} }, { id: 'ga', params: {} }, { id: 'dmm', params: { estimator: 'trak-last-layer' } }, { id: 'retrain', params: {} }],
  evaluation: { retainSample: 200, validationSample: 200, noiseFloor: true },
};

const GROUPS = ['forget', 'retain', 'validation'] as const;
const mean = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

test('an experiment in the page gives the same numbers as the CLI twin', async ({ session, lab, experiment: xp }) => {
  test.setTimeout(150_000);
  await lab.open({ backend: 'wasm' });
  assert.equal((await lab.waitForBackend()).backend?.active, 'wasm');
  await lab.chooseSyntheticSize(1000);
  await xp.update(SMALL);
  // The panel shows what the description says, and drives it.
  await xp.chooseMethods([/^Do nothing/, /^Gradient ascent/, /^Datamodel matching/, /^Retrain/]);
  assert.equal(await session.page.getByLabel('Models (N)', { exact: true }).inputValue(), '4');
  // A method's hyperparameters sit behind its disclosure, out of the Tab order until opened.
  const estimator = xp.section.getByLabel('Datamodel matching estimator', { exact: true });
  assert.equal(await estimator.isVisible(), false);
  await xp.section.locator('[data-checked="true"]').filter({ hasText: /^Datamodel matching/ }).getByText('Hyperparameters').click();
  await estimator.selectOption('trak-last-layer');

  const t0 = Date.now();
  // Record the number of methods shown at every frame: they arrive within milliseconds now.
  // (a string: the test runner's transpiler would add helpers a page does not have)
  await session.page.evaluate(`(() => {
    const seen = new Set();
    window.__seen = seen;
    (function tick() { seen.add(window.__lab.experimentRun().methods.length); requestAnimationFrame(tick); })();
  })()`);
  await xp.runButton.click();
  const done = await xp.waitFor((s) => s.status !== 'running', 120_000, 'the experiment');
  assert.equal(done.status, 'done', JSON.stringify(done.error));
  const seen = await session.page.evaluate(() => [...(window as unknown as { __seen: Set<number> }).__seen]);
  assert.ok(seen.some((n) => n > 0 && n < 4), `methods streamed in one by one (saw ${seen.join(', ')})`);
  console.log(`[e2e] page experiment: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const page = (await xp.results())!;
  assert.equal(page.status, 'complete');
  assert.equal(page.backend, 'wasm');
  assert.deepEqual(page.methods.map((m) => m.id), ['none', 'ga', 'dmm', 'retrain']);
  assert.ok(page.methods.every((m) => m.status === 'ok'), JSON.stringify(page.methods.map((m) => [m.id, m.status, m.error])));

  // The CLI twin on the very description the page ran (its dataset field names the page's dataset).
  const dir = mkdtempSync(join(tmpdir(), 'lab-e2e-experiment-'));
  writeFileSync(join(dir, 'config.json'), JSON.stringify(page.experiment));
  const cli = spawnSync('npx', ['tsx', 'scripts/lab.ts', 'run', '--config', join(dir, 'config.json'), '--out', join(dir, 'r.json'), '--no-cache', '--backend', 'wasm'], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(cli.status, 0, cli.stderr);
  const twin = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as ExperimentResults;
  assert.deepEqual(twin.points, page.points, 'same evaluated points');
  for (const [i, m] of page.methods.entries()) {
    const t = twin.methods[i];
    assert.equal(t.id, m.id);
    for (const g of GROUPS) {
      assert.equal(mean(m.outputs!.accuracy[g]), mean(t.outputs!.accuracy[g]), `${m.id} ${g} accuracy`);
      assert.equal(m.evaluation!.klom[g].summary.p95, t.evaluation!.klom[g].summary.p95, `${m.id} ${g} KLoM p95`);
    }
    assert.deepEqual(m.evaluation!.klom.forget.perPoint, t.evaluation!.klom.forget.perPoint, `${m.id} KLoM per point`);
  }
  // The table shows those numbers.
  assert.deepEqual(session.errors, [], 'the charts rendered without errors');
  const byMethod = (f: (m: ExperimentResults['methods'][number]) => string) => Object.fromEntries(twin.methods.map((m) => [m.id, f(m)]));
  assert.deepEqual(await xp.column('forgetAcc'), byMethod((m) => pct(mean(m.outputs!.accuracy.forget))));
  assert.deepEqual(await xp.column('validationAcc'), byMethod((m) => pct(mean(m.outputs!.accuracy.validation))));
  assert.deepEqual(await xp.column('klomForgetP95'), byMethod((m) => m.evaluation!.klom.forget.summary.p95.toFixed(3)));
  // Rows in rank order: Retrain (the target) first, then the ranked methods, then Do nothing.
  const order = await xp.rowOrder();
  assert.equal(order[0], 'retrain');
  assert.equal(order.at(-1), 'none');
  // The headline's closest method is the table's rank #1.
  const first = session.page.getByTestId('headline-method').first();
  assert.equal(await first.getAttribute('data-method'), order[1]);
  assert.equal(await first.getAttribute('data-rank'), '1');
  assert.equal((await xp.column('rank'))[order[1]], '#1');

  // Every chart drew, and clicking a forget image shows its margins.
  for (const id of ['accuracy', 'klom', 'roc', 'population-mia', 'tradeoff']) {
    assert.ok((await session.page.getByTestId(`chart-${id}`).locator('svg.recharts-surface').count()) > 0, `${id} chart drawn`);
  }
  const thumbs = session.page.getByTestId('forget-thumb');
  assert.equal(await thumbs.count(), 20);
  await thumbs.nth(3).click();
  assert.equal(await session.page.getByTestId('margin-strip').getAttribute('data-point'), String(page.points.forget[3]));

  // Exports: the results file exactly, the CSV summary, a chart as SVG and as PNG.
  const download = async (button: ReturnType<typeof session.page.getByRole>) => {
    const [d] = await Promise.all([session.page.waitForEvent('download'), button.click()]);
    return readFileSync((await d.path())!);
  };
  const exported = JSON.parse((await download(xp.section.getByRole('button', { name: 'JSON', exact: true }))).toString('utf8'));
  assert.deepEqual(exported, JSON.parse(JSON.stringify(page)), 'the JSON export is the results file');
  const csv = (await download(xp.section.getByRole('button', { name: 'CSV', exact: true }))).toString('utf8');
  assert.equal(csv.trim().split('\n').length, 1 + 4 + 3, 'CSV: header, a row per method, the originals, the oracles, the noise floor');
  const svg = (await download(session.page.getByRole('button', { name: 'Download Accuracy per group as SVG' }))).toString('utf8');
  assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  const png = await download(session.page.getByRole('button', { name: 'Download Forgetting vs utility vs cost as PNG' }));
  assert.equal(png.subarray(1, 4).toString('ascii'), 'PNG');

  await session.page.mouse.move(1, 1);
  await session.page.evaluate(() => document.getElementById('experiment')?.scrollIntoView());
  await screenshot(session.page, '10-experiment-1280');
  await session.page.mouse.wheel(0, 700);
  await screenshot(session.page, '10b-experiment-1280-lower');
  await session.page.setViewportSize({ width: 1920, height: 1080 });
  await session.page.evaluate(() => document.getElementById('experiment')?.scrollIntoView());
  await screenshot(session.page, '11-experiment-1920');
  await session.page.mouse.wheel(0, 700);
  await screenshot(session.page, '11b-experiment-1920-lower');
  await session.page.setViewportSize({ width: 1280, height: 720 });
  assert.deepEqual(session.errors, []);
});

test('cancelling mid-run keeps the finished methods, and a new run works', async ({ session, lab, experiment: xp }) => {
  test.setTimeout(150_000);
  // Without a noise floor Retrain trains its own ensemble (last): long training makes it slow enough to cancel in.
  await xp.update({
    ...SMALL,
    training: { ...SMALL.training, epochs: 200 },
    evaluation: { ...SMALL.evaluation, noiseFloor: false },
    methods: [{ id: 'none', params: {} }, { id: 'ga', params: {} }, { id: 'retrain', params: {} }],
  });
  await xp.runButton.click();
  const mid = await xp.waitFor((s) => s.methods.length >= 2 || s.status !== 'running', 120_000, 'two methods');
  assert.equal(mid.status, 'running', 'still running when two methods are in');
  // The lab worker and its pool of compute workers (one per core) are all alive ...
  // (the interactive lane's worker is not part of the run, and a cancel leaves it alone)
  const interactive = await workersNamed(session.page, 'lab-interactive');
  const running = session.page.workers().filter((w) => !interactive.includes(w));
  assert.ok(running.filter((w) => w.url().includes('pool.worker')).length >= 1, 'compute workers run the experiment');
  const closed = new Set<unknown>();
  for (const w of running) w.on('close', () => closed.add(w));
  await xp.cancelButton.click();
  const cancelled = await xp.waitFor((s) => s.status !== 'running', 5_000, 'the cancel');
  // ... and cancel terminates every one of them.
  for (let i = 0; i < 50 && closed.size < running.length; i++) await session.page.waitForTimeout(100);
  assert.equal(closed.size, running.length, 'every worker of the run was terminated');
  assert.ok(interactive.every((w) => session.page.workers().includes(w)), 'the interactive lane survived the cancel');
  assert.equal(cancelled.status, 'cancelled');
  assert.deepEqual(cancelled.methods.map((m) => m.id), ['none', 'ga']);
  assert.equal(await xp.table.locator('tbody tr[data-testid="summary-row"]').count(), 2, 'the table keeps the finished methods');
  await session.page.evaluate(() => document.getElementById('experiment')?.scrollIntoView());
  await screenshot(session.page, '12-experiment-cancelled');

  await lab.waitFor((s) => s.backendStatus === 'ready', 60_000, 'the fresh worker');
  // The new run: a slightly bigger one whose models actually learn, for the screenshots.
  await xp.update({
    ...SMALL,
    model: { kind: 'mlp', hidden: 64 },
    training: { ...SMALL.training, epochs: 12 },
    ensemble: { models: 6 },
    forget: { kind: 'random', count: 40 },
    methods: [{ id: 'none', params: {} }, { id: 'ft', params: {} }, { id: 'ga', params: {} }, { id: 'dmm', params: { estimator: 'trak-last-layer' } }, { id: 'retrain', params: {} }],
  });
  await xp.runButton.click();
  const again = await xp.waitFor((s) => s.status !== 'running', 120_000, 'the new run');
  assert.equal(again.status, 'done', JSON.stringify(again.error));
  assert.equal(again.methods.length, 5);
  await session.page.mouse.move(1, 1);
  await session.page.evaluate(() => document.getElementById('experiment')?.scrollIntoView());
  await screenshot(session.page, '13-experiment-showcase-1280');
  // Where the forget set went: three maps (originals, the chosen method, Retrain), each with
  // the 40 forget points and up to 300 of the evaluated retained ones drawn.
  const shown = await session.page.evaluate(() => window.__lab!.lastExperimentResults()!.points);
  const maps = session.page.getByTestId('embedding-panel');
  assert.equal(await maps.count(), 3);
  for (let i = 0; i < 3; i++) assert.equal(await maps.nth(i).locator('.recharts-scatter-symbol').count(), shown.forget.length + Math.min(300, shown.retain.length), `panel ${i} draws every point`);
  await session.page.getByTestId('chart-embedding').scrollIntoViewIfNeeded();
  await screenshot(session.page, '25-embedding-1280');
  const save = async (button: ReturnType<typeof session.page.getByRole>) => {
    const [d] = await Promise.all([session.page.waitForEvent('download'), button.click()]);
    return readFileSync((await d.path())!);
  };
  // its SVG holds all three maps with their titles
  const maps3 = (await save(session.page.getByRole('button', { name: 'Download Where the forget set went as SVG' }))).toString('utf8');
  assert.equal(maps3.match(/class="recharts-surface"/g)?.length, 3);
  assert.match(maps3, /Originals<\/text>.*Retrain<\/text>/s);
  // the EasyDUB zip: every model's margins in the layout, the forget set beside them
  const zip = unzipSync(new Uint8Array(await save(session.page.getByTestId('export-easydub'))));
  assert.ok(zip['forget_sets/cifar10/forget_set_0.npy']);
  assert.ok(zip['margins/cifar10/dmm/forget_0/resnet9/id_5_epoch_23.npy'], Object.keys(zip).slice(0, 8).join(', '));
  assert.ok(zip['margins/cifar10/oracle/forget_0/val/resnet9/id_11_epoch_23.npy'], 'the second oracles follow the first as ids N…2N−1');
  await session.page.setViewportSize({ width: 1920, height: 1080 });
  await session.page.evaluate(() => document.getElementById('experiment')?.scrollIntoView());
  await screenshot(session.page, '14-experiment-showcase-1920');
  await session.page.getByTestId('forget-thumb').nth(2).click();
  await session.page.mouse.move(1, 1);
  await session.page.getByTestId('chart-margins').scrollIntoViewIfNeeded();
  await screenshot(session.page, '15-experiment-margins-1920');
  assert.deepEqual(session.errors, []);
});

test('the run exported in EasyDUB’s layout scores back in the page, charted next to the run’s methods', async ({ session }) => {
  test.setTimeout(120_000);
  const page = session.page;
  const results = await page.evaluate(() => window.__lab!.lastExperimentResults());
  assert.ok(results, 'the showcase run above left results');
  const dir = mkdtempSync(join(tmpdir(), 'lab-easydub-'));
  writeFileSync(join(dir, 'results.json'), JSON.stringify(results));
  const exported = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/lab.ts', 'export', '--results', join(dir, 'results.json'), '--easydub', join(dir, 'layout')], { encoding: 'utf8' });
  assert.equal(exported.status, 0, exported.stderr);
  const card = page.getByTestId('score-margins');
  await card.scrollIntoViewIfNeeded();
  // the export's pretrain models are the originals: Do nothing, as the run scored it
  await card.locator('input[data-role="easydub"]').setInputFiles(join(dir, 'layout'));
  await page.getByTestId('score-margins-summary').waitFor({ timeout: 60_000 });
  const none = results!.methods.find((m) => m.id === 'none')!;
  const text = (await page.getByTestId('score-margins-result').textContent()) ?? '';
  assert.ok(text.includes(none.evaluation!.klom.forget.summary.p95.toFixed(3)), `${text} vs Do nothing's KLoM ${none.evaluation!.klom.forget.summary.p95}`);
  assert.equal(await page.getByTestId('score-margins-mismatch').count(), 0, 'the export has the run’s N and points');
  const beside = page.getByTestId('chart-score-margins-beside');
  await beside.waitFor({ timeout: 10_000 });
  assert.match((await beside.textContent()) ?? '', /EasyDUB folder/);
  // and its U-LiRA curve beside the run's, with the same AUC as Do nothing's
  const roc = page.getByTestId('chart-score-margins-beside-roc');
  await roc.waitFor({ timeout: 10_000 });
  assert.ok(((await roc.textContent()) ?? '').includes(`EasyDUB folder`), 'the scored curve is in the legend/table');
  await beside.scrollIntoViewIfNeeded();
  await screenshot(page, '24-scored-next-to-run-1920');
  assert.deepEqual(session.errors, []);
});
