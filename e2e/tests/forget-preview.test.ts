/**
 * The instant preview: compute datamodels on the page (a small linear setting, so the test
 * stays short), then every change of the forget set updates the predicted accuracies in
 * the worker, and the latency is shown. Then, while an experiment runs, clicks still update
 * the preview at once: it has a lane (a worker) of its own. The latencies are printed (a
 * benchmark's figures, not asserted: timing depends on the machine).
 */
import assert from 'node:assert/strict';
import type { Page } from '@playwright/test';
import type { ForgetPicker } from '../pages/forget-picker';
import { test } from '../support/fixtures';
import { screenshot } from '../support/screenshots';

test.use({ open: { backend: 'wasm' } });

test('datamodels computed on the page drive an instant preview that never waits behind a run', async ({ session, picker, experiment }) => {
  test.setTimeout(180_000);
  const problem = await session.page.evaluate(() =>
    window.__lab!.updateExperiment({
      model: { kind: 'linear' },
      ensemble: { models: 2 },
      training: { epochs: 3, batchSize: 256, learningRate: 0.01, schedule: 'cosine' },
    }),
  );
  assert.equal(problem, null);
  await picker.openTab(/Instant preview/);
  const t0 = Date.now();
  await session.page.getByTestId('compute-datamodels').click();
  await picker.waitFor((f) => f.datamodels != null && f.preview != null, 100_000, 'datamodels and a first preview');
  console.log(`[e2e] datamodels computed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const times: number[] = [];
  for (const rule of ['mislabeled', 'random', 'class']) {
    await picker.rule(rule);
    const f = await picker.waitFor((x) => x.rule.kind === rule && x.status === 'ready' && x.preview?.forgetSize === x.indices.length, 20_000, `the preview of ${rule}`);
    times.push(f.preview!.ms);
  }
  await picker.click(0);
  const f = await picker.waitFor((x) => x.preview?.forgetSize === x.indices.length && x.preview?.focus != null, 10_000, 'a hand-picked preview with a focused image');
  times.push(f.preview!.ms);
  console.log(`[e2e] preview update in the worker (5,000 images): ${times.map((t) => t.toFixed(1)).join(', ')} ms`);
  assert.match((await session.page.getByTestId('preview-latency').textContent()) ?? '', /ms in the worker/);
  await screenshot(session.page, '15-instant-preview');

  const idle = await clickLatencies(session.page, picker, 0, 8);
  // A run of minutes on the other lane: the preview must not wait for it.
  assert.equal(await session.page.evaluate(() => window.__lab!.updateExperiment({ model: { kind: 'mlp', hidden: 128 }, ensemble: { models: 16 }, training: { epochs: 20, batchSize: 128, learningRate: 0.003, schedule: 'cosine' } })), null);
  await experiment.runButton.click();
  await experiment.waitFor((s) => s.status === 'running' && s.progress != null, 60_000, 'the run to start');
  const busy = await clickLatencies(session.page, picker, 8, 8);
  assert.equal((await experiment.run()).status, 'running', 'every click was answered while the run went on');
  console.log(`[e2e] click → updated preview numbers, idle: ${summary(idle)}; while an experiment runs: ${summary(busy)}`);
  await experiment.cancelButton.click();
  await experiment.waitFor((s) => s.status !== 'running', 10_000, 'the cancel');
  assert.deepEqual(session.errors, []);
});

const summary = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return `median ${s[Math.floor(s.length / 2)].toFixed(0)} ms, max ${s[s.length - 1].toFixed(0)} ms (${ms.length} clicks)`;
};

/**
 * Clicks grid cells [from, from + count) one at a time and measures, in the page, from the
 * pointer going down to the first frame whose preview covers the new set.
 */
async function clickLatencies(page: Page, picker: ForgetPicker, from: number, count: number): Promise<number[]> {
  await page.evaluate(() => {
    const w = window as unknown as { __clicks: number[]; __clickWatch?: boolean };
    w.__clicks = [];
    if (w.__clickWatch) return;
    w.__clickWatch = true;
    let latest = 0;
    document.addEventListener('pointerdown', () => {
      const mine = ++latest; // a later press supersedes this one's watch
      const t0 = performance.now();
      const size = window.__lab!.forget().preview?.forgetSize;
      const tick = () => {
        const p = window.__lab!.forget().preview;
        if (mine !== latest) return;
        if (p && p.forgetSize !== size) w.__clicks.push(performance.now() - t0);
        else if (performance.now() - t0 < 20_000) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    }, true);
  });
  for (let k = from; k < from + count; k++) {
    const before = await page.evaluate(() => (window as unknown as { __clicks: number[] }).__clicks.length);
    await picker.click(k);
    await page.waitForFunction((n) => (window as unknown as { __clicks: number[] }).__clicks.length > n, before, { timeout: 20_000 });
    await page.waitForTimeout(100);
  }
  return page.evaluate(() => (window as unknown as { __clicks: number[] }).__clicks);
}
