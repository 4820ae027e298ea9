/** Cancel stops the run by terminating the worker; the next run gets a fresh worker and works. */
import assert from 'node:assert/strict';
import type { Worker } from '@playwright/test';
import { test } from '../support/fixtures';
import { laneWorker, workersNamed } from '../support/lanes';
import { screenshot } from '../support/screenshots';

// The second test goes on in the first one's browser.
test.describe.configure({ mode: 'serial' });

test('cancelling stops the worker and a new run works', async ({ session, lab }) => {
  test.setTimeout(150_000);
  await lab.open({ backend: 'wasm' });
  await lab.waitForBackend();
  const first: Worker = await laneWorker(session.page, 'lab-engine');
  let firstClosed = false;
  first.on('close', () => (firstClosed = true));
  // The interactive lane (forget set, preview) has a worker of its own, which a cancel leaves alone.
  await lab.waitFor((s) => s.interactiveGeneration === 1, 30_000, 'the interactive lane');
  const interactive = await laneWorker(session.page, 'lab-interactive');
  let interactiveClosed = false;
  interactive.on('close', () => (interactiveClosed = true));

  // A long run: the small CNN for 20 epochs on 5,000 images would take minutes here.
  await lab.chooseModel(/Small CNN/);
  await lab.setNumber('Epochs', 20);
  await lab.trainButton.click();
  const running = await lab.waitFor((s) => s.runStatus === 'running' && (s.progress?.done ?? 0) > 0, 60_000, 'training steps');
  assert.equal(running.workerGeneration, 1);

  const t0 = Date.now();
  await lab.cancelButton.click();
  const cancelled = await lab.waitFor((s) => s.runStatus === 'cancelled', 5_000, 'the cancel');
  console.log(`[e2e] cancelled ${Date.now() - t0} ms after the click, at step ${running.progress?.done}/${running.progress?.total}`);
  for (let i = 0; i < 50 && !firstClosed; i++) await session.page.waitForTimeout(100);
  assert.ok(firstClosed, 'the first worker was terminated');
  assert.ok(!session.page.workers().includes(first));
  assert.equal(interactiveClosed, false, 'cancelling the run leaves the interactive lane running');
  await screenshot(session.page, '06-cancelled');

  // Nothing from the old run arrives any more.
  const frozen = (await lab.snapshot()).progress;
  await session.page.waitForTimeout(1_500);
  assert.deepEqual((await lab.snapshot()).progress, frozen);
  assert.equal(cancelled.history.length, (await lab.snapshot()).history.length);

  // A fresh worker is started and restored (backend + dataset), then a short run completes.
  const restored = await lab.waitFor((s) => s.workerGeneration === 2 && s.backendStatus === 'ready', 60_000, 'the fresh worker');
  assert.equal(restored.backend?.active, 'wasm');
  assert.equal((await workersNamed(session.page, 'lab-engine')).length, 1);
  assert.equal((await lab.snapshot()).interactiveGeneration, 1);
  await lab.chooseModel(/Linear/);
  await lab.setNumber('Epochs', 2);
  await lab.trainButton.click();
  const done = await lab.waitFor((s) => s.runStatus !== 'running', 90_000, 'the second run');
  assert.equal(done.runStatus, 'done', JSON.stringify(done.messages));
  assert.equal(done.history.length, 2);
  assert.equal(done.workerGeneration, 2);
  assert.equal((await lab.lastResult())?.backend, 'wasm');
  assert.deepEqual(session.errors, []);
});

test('a crashed worker becomes a message and the next run starts a fresh one', async ({ session, lab }) => {
  test.setTimeout(90_000);
  const before = await lab.waitFor((s) => s.runStatus !== 'running' && s.backendStatus === 'ready', 30_000, 'an idle lab');
  const worker = await laneWorker(session.page, 'lab-engine');
  // An exception outside any call reaches the page as the Worker's error event, as a real crash would.
  await worker.evaluate(() => setTimeout(() => {
    throw new Error('simulated crash');
  }));
  const s = await lab.waitFor((x) => x.messages.some((m) => m.tone === 'error'), 10_000, 'the crash message');
  const message = s.messages.find((m) => m.tone === 'error')!;
  assert.equal(message.title, 'The compute worker stopped');
  assert.match(message.text, /simulated crash/);
  await screenshot(session.page, '09-worker-crashed');

  await lab.trainButton.click();
  const done = await lab.waitFor((x) => x.runStatus !== 'running', 90_000, 'the run after the crash');
  assert.equal(done.runStatus, 'done', JSON.stringify(done.messages));
  assert.equal(done.workerGeneration, before.workerGeneration + 1);
  assert.ok(!done.messages.some((m) => m.tone === 'error'), 'a successful run clears the crash message');
});
