/**
 * The instant preview: compute datamodels on the page (a small linear setting, so the test
 * stays short), then every change of the forget set updates the predicted accuracies in
 * the worker; the latency is shown and stays small.
 */
import assert from 'node:assert/strict';
import { test } from '../support/fixtures';
import { screenshot } from '../support/screenshots';

test.use({ open: { backend: 'wasm' } });

test('datamodels computed on the page drive a fast instant preview', async ({ session, picker }) => {
  test.setTimeout(120_000);
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
  assert.ok(Math.min(...times) < 250, `preview latency ${times.join(', ')} ms`);
  assert.match((await session.page.getByTestId('preview-latency').textContent()) ?? '', /ms in the worker/);
  await screenshot(session.page, '15-instant-preview');
  assert.deepEqual(session.errors, []);
});
