/** Training runs in the worker on WebAssembly and the chart follows it epoch by epoch. */
import assert from 'node:assert/strict';
import { test } from '../support/fixtures';
import { screenshot } from '../support/screenshots';

test('?backend=wasm trains a linear model and the chart updates live', async ({ session, lab }) => {
  test.setTimeout(120_000);
  await lab.open({ backend: 'wasm' });
  const ready = await lab.waitForBackend();
  assert.equal(ready.backend?.active, 'wasm');
  assert.equal(await lab.badge.getAttribute('data-backend'), 'wasm');
  assert.match((await lab.badge.textContent()) ?? '', /WebAssembly/);

  await lab.chooseSyntheticSize(2000);
  const epochs = 6;
  await lab.setNumber('Epochs', epochs);
  // Record every value the chart's point count takes in the page, so a fast run cannot slip between polls.
  const chart = session.page.getByTestId('training-chart');
  await chart.evaluate((el) => {
    const seen: number[] = [];
    (window as unknown as { __chartPoints: number[] }).__chartPoints = seen;
    new MutationObserver(() => seen.push(Number(el.getAttribute('data-points')))).observe(el, { attributes: true, attributeFilter: ['data-points'] });
  });
  await lab.trainButton.click();
  const done = await lab.waitFor((s) => s.runStatus !== 'running' && s.runStatus !== 'idle', 90_000, 'the run to finish');
  assert.equal(done.runStatus, 'done', JSON.stringify(done.messages));
  const seen = await session.page.evaluate(() => (window as unknown as { __chartPoints: number[] }).__chartPoints);
  const grew = seen.filter((n) => n > 0);
  assert.ok(grew.every((n, i) => i === 0 || n > grew[i - 1]), `points only grow: ${grew.join(', ')}`);
  assert.ok(grew.some((n) => n < epochs), `the chart drew points before the run ended: ${grew.join(', ')}`);
  assert.equal(grew[grew.length - 1], epochs);
  const chartPoints = Number(await chart.getAttribute('data-points'));

  const result = await lab.lastResult();
  assert.ok(result);
  assert.equal(result.backend, 'wasm');
  assert.equal(result.history.length, epochs);
  assert.equal(chartPoints, epochs, 'the chart shows every epoch');
  const chance = 1 / (done.dataset?.classNames.length ?? 10);
  assert.ok(result.validationAccuracy > chance + 0.1, `validation accuracy ${result.validationAccuracy} is well above chance ${chance}`);
  assert.ok(result.history[epochs - 1].loss < result.history[0].loss, 'loss fell');
  assert.ok(result.examplesPerSecond > 100, `throughput ${result.examplesPerSecond} img/s`);
  console.log(`[e2e] wasm linear: val acc ${result.validationAccuracy.toFixed(3)}, ${Math.round(result.examplesPerSecond)} img/s, ${result.seconds.toFixed(1)} s`);

  // The rendered chart has one line per series with a point per epoch.
  assert.equal(await chart.locator('.recharts-line').count(), 3);
  await screenshot(session.page, '03-trained-wasm');
  assert.deepEqual(session.errors, []);
});

test('the CNN trains in the page on the native kernels, epoch by epoch', async ({ session, lab }) => {
  test.setTimeout(120_000);
  await lab.open({ backend: 'wasm' });
  await lab.waitForBackend();
  await lab.chooseSyntheticSize(2000);
  await session.page.getByRole('radio', { name: 'Small CNN (24k params)' }).check();
  await lab.setNumber('Epochs', 3);
  await lab.trainButton.click();
  const done = await lab.waitFor((s) => s.runStatus !== 'running' && s.runStatus !== 'idle', 90_000, 'the run to finish');
  assert.equal(done.runStatus, 'done', JSON.stringify(done.messages));
  const result = await lab.lastResult();
  assert.ok(result);
  assert.equal(result.spec.kind, 'cnn-s');
  assert.equal(result.engine, 'native', 'the CNN trains on the native conv kernels, not tfjs');
  assert.equal(result.history.length, 3);
  const chance = 1 / (done.dataset?.classNames.length ?? 10);
  assert.ok(result.validationAccuracy > chance + 0.02, `validation accuracy ${result.validationAccuracy} is above chance ${chance} after 3 short epochs`);
  assert.ok(result.history[2].loss < result.history[0].loss, 'loss fell');
  console.log(`[e2e] wasm cnn-s: val acc ${result.validationAccuracy.toFixed(3)}, ${Math.round(result.examplesPerSecond)} img/s, ${result.seconds.toFixed(1)} s`);
  assert.deepEqual(session.errors, []);
});
