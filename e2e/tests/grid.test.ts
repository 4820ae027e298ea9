/** The page opens as a working lab: the default dataset's images are in the grid, filterable and inspectable. */
import assert from 'node:assert/strict';
import { test } from '../support/fixtures';
import { screenshot } from '../support/screenshots';

// One browser, in order: the first test opens the page the others use.
test.describe.configure({ mode: 'serial' });

test('the page opens and the grid shows the training images', async ({ session, lab }) => {
  test.setTimeout(90_000);
  const t0 = Date.now();
  await lab.open();
  const s = await lab.snapshot();
  console.log(`[e2e] dataset ready after ${Date.now() - t0} ms: ${s.dataset?.name}, ${s.grid.drawn} thumbnails drawn`);
  assert.equal(s.dataset?.trainSize, 5000);
  assert.equal(s.pixelBytes, 5000 * 3072, 'the page holds the train pixels');
  assert.equal(s.grid.shown, 5000);
  assert.ok(s.grid.drawn >= 30, `a screenful of thumbnails drawn, got ${s.grid.drawn}`);
  assert.equal(await session.page.title(), 'Unlearning Lab');

  const pixels = await lab.canvasStats();
  assert.ok(pixels.nonBlank / pixels.sampled > 0.5, `canvas mostly painted (${pixels.nonBlank}/${pixels.sampled})`);
  assert.ok(pixels.colours > 200, `canvas shows varied images, ${pixels.colours} distinct colours`);

  await lab.waitForBackend();
  await screenshot(session.page, '01-opened');
  assert.deepEqual(session.errors, []);
});

test('the class filter narrows the grid and hover names the class', async ({ session, lab }) => {
  test.setTimeout(30_000);
  const { dataset } = await lab.snapshot();
  assert.ok(dataset);
  const c = 3;
  await lab.filterClass(dataset.classNames[c]);
  const s = await lab.waitFor((x) => x.grid.classFilter === c && x.grid.shown === dataset.classCounts[c], 5_000, 'the filter');
  assert.ok(s.grid.drawn > 0 && s.grid.drawn <= dataset.classCounts[c]);

  const grid = session.page.getByTestId('thumbnail-grid');
  const box = (await grid.boundingBox())!;
  await session.page.mouse.move(box.x + 30, box.y + 30);
  const tip = session.page.getByRole('tooltip');
  await tip.waitFor({ timeout: 5_000 });
  assert.match((await tip.textContent()) ?? '', new RegExp(`· ${dataset.classNames[c]}$`));
  await screenshot(session.page, '02-filtered-hover');
  await lab.filterClass('All');
  await lab.waitFor((x) => x.grid.shown === 5000, 5_000, 'the filter reset');
});

test('scrolling through 5,000 thumbnails stays smooth', async ({ session, lab }) => {
  test.setTimeout(60_000);
  const grid = session.page.getByTestId('thumbnail-grid');
  // Scroll from top to bottom in 120 steps, one per animation frame, and time the frames.
  const frames = await grid.evaluate(async (el) => {
    const times: number[] = [];
    const steps = 120;
    let last = performance.now();
    for (let i = 1; i <= steps; i++) {
      el.scrollTop = (el.scrollHeight - el.clientHeight) * (i / steps);
      await new Promise(requestAnimationFrame);
      const now = performance.now();
      times.push(now - last);
      last = now;
    }
    times.sort((a, b) => a - b);
    return { median: times[steps >> 1], p95: times[Math.floor(steps * 0.95)], atBottom: el.scrollTop + el.clientHeight >= el.scrollHeight - 1 };
  });
  console.log(`[e2e] scroll frame time: median ${frames.median.toFixed(1)} ms, p95 ${frames.p95.toFixed(1)} ms`);
  assert.ok(frames.atBottom);
  assert.ok(frames.median < 50, `median frame ${frames.median} ms`);
  const s = await lab.waitFor((x) => x.grid.drawn > 0, 2_000, 'the last rows drawn');
  assert.ok(s.grid.drawn > 0);
});
