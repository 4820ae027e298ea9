/**
 * WebGPU: with --enable-unsafe-webgpu Chromium exposes a (SwiftShader) adapter and the
 * lab trains on it; without the flag ?backend=webgpu falls back and the badge says why.
 * SwiftShader WebGPU is slow, so the run is tiny: linear model, 1,000 images, one epoch.
 */
import assert from 'node:assert/strict';
import { test } from '../support/fixtures';
import { screenshot } from '../support/screenshots';

// A fresh browser for every test: WebGPU is exposed (or not) at launch.
test.use({ sessionScope: 'test' });

test.describe(() => {
  test.use({ webgpu: true });

  test('with --enable-unsafe-webgpu, ?backend=webgpu runs on WebGPU', async ({ session, lab }) => {
    test.setTimeout(150_000);
    await lab.open({ backend: 'webgpu' });
    const s = await lab.waitForBackend(90_000);
    assert.equal(s.backend?.active, 'webgpu', `fell back: ${JSON.stringify(s.backend?.fallbacks)}`);
    assert.equal(await lab.badge.getAttribute('data-backend'), 'webgpu');
    assert.equal(await lab.badge.getAttribute('data-fell-back'), 'false');
    assert.match((await lab.badge.textContent()) ?? '', /WebGPU/);
    console.log(`[e2e] webgpu adapter: ${s.backend?.adapterInfo} (fallback adapter: ${s.backend?.isFallbackAdapter})`);

    await lab.chooseSyntheticSize(1000);
    await lab.setNumber('Epochs', 1);
    await lab.trainButton.click();
    const done = await lab.waitFor((x) => x.runStatus !== 'running', 120_000, 'the WebGPU run');
    assert.equal(done.runStatus, 'done', JSON.stringify(done.messages));
    const result = await lab.lastResult();
    assert.equal(result?.backend, 'webgpu');
    assert.equal(result?.history.length, 1);
    console.log(`[e2e] webgpu linear, 1 epoch: val acc ${result?.validationAccuracy.toFixed(3)}, ${result?.seconds.toFixed(1)} s`);
    await screenshot(session.page, '04-webgpu');
    assert.deepEqual(session.errors, []);
  });
});

test('without the flag, ?backend=webgpu falls back and the badge says why', async ({ session, lab }) => {
  test.setTimeout(90_000);
  await lab.open({ backend: 'webgpu' });
  const s = await lab.waitForBackend();
  assert.notEqual(s.backend?.active, 'webgpu');
  assert.equal(s.backend?.requested, 'webgpu');
  const reason = s.backend?.fallbacks.find((f) => f.backend === 'webgpu')?.reason ?? '';
  assert.match(reason, /enable-unsafe-webgpu|adapter/);

  assert.equal(await lab.badge.getAttribute('data-fell-back'), 'true');
  assert.match((await lab.badge.textContent()) ?? '', /fell back/);
  assert.match((await lab.badge.getAttribute('title')) ?? '', /^Fell back: WebGPU: /);
  await lab.badge.click();
  const details = session.page.getByTestId('backend-fallbacks');
  assert.match((await details.textContent()) ?? '', /WebGPU: .*navigator\.gpu/);
  await screenshot(session.page, '05-webgpu-fell-back');
  await session.page.keyboard.press('Escape');
  assert.equal(await details.count(), 0, 'Escape closes the details');
});

test.describe(() => {
  test.use({ webgpu: true });

  test('with WebGPU exposed, the automatic choice measures and takes wasm over the software adapter, and says why', async ({ session, lab }) => {
    test.setTimeout(120_000);
    await lab.open({});
    const s = await lab.waitForBackend(90_000);
    assert.equal(s.backend?.requested, 'auto');
    assert.equal(s.backend?.active, 'wasm', JSON.stringify(s.backend?.fallbacks));
    const webgpu = s.backend?.fallbacks.find((f) => f.backend === 'webgpu')?.reason ?? '';
    assert.match(webgpu, /software renderer .*swiftshader.*never chosen over wasm/i);
    const wasm = s.backend?.measured?.find((m) => m.backend === 'wasm');
    assert.ok((wasm?.modelImagesPerSecond ?? 0) > 1000, `wasm was timed: ${JSON.stringify(s.backend?.measured)}`);
    assert.match((await session.page.getByTestId('backend-speed').textContent()) ?? '', /img\/s/);
    await lab.badge.click();
    assert.match((await session.page.getByTestId('backend-fallbacks').textContent()) ?? '', /WebGPU: software renderer/);
    assert.match((await session.page.getByTestId('backend-measured').textContent()) ?? '', /WebAssembly: \d+k img\/s/);
    await screenshot(session.page, '05b-auto-measured');
    assert.deepEqual(session.errors, []);
  });
});
