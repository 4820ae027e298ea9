/**
 * The results read at a glance and stay honest: Run is a few Tab stops from the top; the
 * sub-population preset's headline names the table's closest method; no chart text
 * overlaps at 1280 or 1920; during a run the forget set can be changed for the next run
 * (the run keeps its own) and the results say when the settings moved on; a link made on CIFAR-10 keeps Run disabled on the embedded
 * data until the user chooses; computed datamodels come back after a reload.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from '../support/fixtures';
import { handMadeLink } from '../support/links';
import { screenshot, screenshotOf } from '../support/screenshots';

const subpopulation = JSON.parse(readFileSync(new URL('../../public/presets/subpopulation.json', import.meta.url), 'utf8')) as Record<string, unknown>;


// One browser, in order: each test goes on from where the one before left the page.
test.describe.configure({ mode: 'serial' });

test('Run is reachable in at most 15 Tab stops from the top of the page', async ({ session, lab }) => {
  test.setTimeout(90_000);
  await lab.open({ backend: 'wasm' });
  await lab.waitForBackend();
  await session.page.waitForFunction(() => !(document.querySelector('[data-testid="run-experiment"]') as HTMLButtonElement | null)?.disabled, null, { timeout: 30_000 });
  await session.page.locator('body').click({ position: { x: 2, y: 2 } });
  let stops = 0;
  for (; stops < 40; stops++) {
    await session.page.keyboard.press('Tab');
    if (await session.page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'run-experiment')) break;
  }
  console.log(`[e2e] Tab stops to Run: ${stops + 1}`);
  assert.ok(stops + 1 <= 15, `Run took ${stops + 1} Tab stops`);
});

test('the sub-population preset: the next set planned while running, a headline that agrees with the table, charts without overlapping text', async ({ session, lab, experiment: xp, picker }) => {
  test.setTimeout(300_000);
  await session.page.getByLabel('Open a preset').selectOption('subpopulation.json');
  await picker.waitFor((f) => f.rule.kind === 'subpopulation' && f.status === 'ready', 30_000, 'the preset');
  // N = 8 keeps CI short; the page shows the preset's settings in the one settings panel.
  await lab.setNumber('Models (N)', 8);
  assert.equal(await session.page.getByLabel('Epochs', { exact: true }).inputValue(), String((subpopulation.training as { epochs: number }).epochs));
  const before = (await picker.shared()).experiment.forget;

  await xp.runButton.click();
  await xp.waitFor((s) => s.status === 'running' && s.progress != null, 30_000, 'the run to start');
  // The forget set stays open during the run (it plans the next one): the interactive lane
  // resolves another rule while the run goes on, and the page says the run keeps its set.
  // The settings and the quick-check Train are locked.
  await session.page.getByTestId('forget-running').waitFor();
  await picker.rule('class');
  const planned = await picker.waitFor((f) => f.rule.kind === 'class' && f.status === 'ready' && f.indices.length > 0, 20_000, 'the next set, resolved mid-run');
  assert.equal((await xp.run()).status, 'running', `resolved ${planned.indices.length} images while the run went on`);
  assert.equal(await lab.trainButton.isDisabled(), true);
  // Back to the run's own set, so the results below are current again.
  assert.equal(await session.page.evaluate((f) => window.__lab!.updateExperiment({ forget: f }), before), null);
  assert.match(await session.page.getByTestId('run-status').innerText(), /%.*left|Starting|%$/);

  const done = await xp.waitFor((s) => s.status !== 'running', 280_000, 'the sub-population run');
  assert.equal(done.status, 'done', JSON.stringify(done.error));

  // The headline's ranking is the table's: the same #1, and the same rank for every method.
  const headline = session.page.getByTestId('results-headline');
  await headline.waitFor();
  const ranks = await xp.column('rank');
  const items = session.page.getByTestId('headline-method');
  for (let i = 0; i < (await items.count()); i++) {
    const id = (await items.nth(i).getAttribute('data-method'))!;
    assert.equal(ranks[id], `#${await items.nth(i).getAttribute('data-rank')}`, `${id}: the same rank in the headline and the table`);
  }
  const order = await xp.rowOrder();
  assert.equal(await items.first().getAttribute('data-method'), order[1], 'the headline names the table\'s closest method first');
  const text = await session.page.getByTestId('headline-text').innerText();
  console.log(`[e2e] headline (sub-population, N = 8): ${text}`);
  assert.match(text, /^Closest to Retrain: /);
  // Each method's own account of its run is one click away, next to its line.
  const dmmNotes = session.page.locator('[data-testid="headline-method"][data-method="dmm"] [data-testid="method-notes"]');
  await dmmNotes.locator('summary').click();
  assert.match(await dmmNotes.innerText(), /Fine-tuning set: \d+ forget points × \d+ \+ \d+ retain points/);

  for (const viewport of [{ width: 1280, height: 720 }, { width: 1920, height: 1080 }]) {
    await session.page.setViewportSize(viewport);
    await session.page.waitForTimeout(400);
    assert.deepEqual(await xp.overlappingLabels(), [], `no chart text overlaps at ${viewport.width}`);
    await screenshotOf(session.page.getByTestId('chart-tradeoff'), `20-subpopulation-tradeoff-${viewport.width}`);
    await session.page.getByTestId('results-headline').scrollIntoViewIfNeeded();
    await screenshot(session.page, `20-subpopulation-results-${viewport.width}`);
  }
  await session.page.setViewportSize({ width: 1280, height: 720 });

  // After the run the set can change again, and the results say they are for the old one.
  assert.equal(await session.page.getByTestId('results-stale').count(), 0);
  await picker.rule('class');
  await session.page.getByTestId('results-stale').waitFor({ timeout: 10_000 });
  assert.match(await session.page.getByTestId('results-stale').innerText(), /forget set changed/);
  assert.deepEqual(session.errors, []);
});

test('computed datamodels are reused after a reload', async ({ session, lab }) => {
  test.setTimeout(180_000);
  await lab.chooseSyntheticSize(1000);
  await session.page.getByRole('tab', { name: 'Instant preview' }).click();
  await session.page.getByTestId('compute-datamodels').click();
  await session.page.getByTestId('preview').waitFor({ timeout: 150_000 });
  assert.doesNotMatch(await session.page.getByTestId('preview-latency').innerText(), /earlier visit/);
  await session.page.reload();
  await lab.waitFor((s) => s.datasetStatus === 'ready', 60_000, 'the reloaded page');
  await lab.chooseSyntheticSize(1000);
  await session.page.getByRole('tab', { name: 'Instant preview' }).click();
  // No Compute button this time: the saved datamodels are back.
  await session.page.getByTestId('preview').waitFor({ timeout: 20_000 });
  assert.match(await session.page.getByTestId('preview-latency').innerText(), /computed here, saved from an earlier visit/);
});

test('a link made on CIFAR-10 says so on the embedded data and keeps Run disabled until the user chooses', async ({ session, lab, experiment: xp, picker }) => {
  test.setTimeout(90_000);
  const { name: _n, ...preset } = subpopulation;
  const x = handMadeLink({ e: { ...preset, dataset: { id: 'cifar10', syntheticSeed: 1, trainSize: 20000, validationSize: 5000 } } });
  await lab.open({ x });
  const notice = session.page.getByTestId('dataset-requirement');
  await notice.waitFor({ timeout: 20_000 });
  assert.match(await notice.innerText(), /This link was made on CIFAR-10 \(cifar10\)/);
  await picker.waitFor((f) => f.status === 'ready', 30_000);
  assert.equal(await xp.runButton.isDisabled(), true, 'Run waits for CIFAR-10');
  assert.match(await session.page.getByTestId('run-status').innerText(), /made on CIFAR-10/);
  await screenshot(session.page, '21-cifar-link-on-embedded-data');
  await session.page.getByTestId('use-loaded-data').click();
  assert.equal(await notice.count(), 0);
  assert.equal(await xp.runButton.isDisabled(), false, 'Run works once the user chose the loaded data');
  assert.deepEqual(session.errors, []);
});
