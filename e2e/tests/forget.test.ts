/** The forget-set picker: every way of choosing a set ends in the exact indices the worker resolves. */
import assert from 'node:assert/strict';
import { test } from '../support/fixtures';
import { screenshot } from '../support/screenshots';

// wasm: the fixed features (sub-population, map) compute fastest there on a GPU-less machine.
test.use({ open: { backend: 'wasm' } });
// One browser, in order: each test goes on from where the one before left the picker.
test.describe.configure({ mode: 'serial' });

test('click, shift-click and drag on the grid pick exactly those images', async ({ session, picker }) => {
  test.setTimeout(60_000);
  await picker.rule('clear');
  const empty = await picker.waitFor((f) => f.rule.kind === 'indices' && f.indices.length === 0, 10_000, 'an empty set');
  assert.match(empty.problem ?? '', /empty/);
  assert.ok(await session.page.getByTestId('forget-problem').isVisible());

  await picker.click(2);
  await picker.waitFor((f) => f.indices.join() === '2', 5_000, 'image 2');
  await picker.click(7, ['Shift']);
  await picker.waitFor((f) => f.indices.join() === '2,3,4,5,6,7', 5_000, 'the range 2–7');
  await picker.click(4);
  const toggled = await picker.waitFor((f) => f.indices.join() === '2,3,5,6,7', 5_000, 'image 4 toggled off');
  assert.equal(toggled.problem, null);

  const cols = await picker.cols();
  await picker.drag(cols * 2, cols * 3 + 1); // a 2 × 2 block on rows 3–4
  const dragged = await picker.waitFor((f) => f.indices.length === 9, 5_000, 'the dragged block');
  assert.deepEqual(dragged.indices, [2, 3, 5, 6, 7, cols * 2, cols * 2 + 1, cols * 3, cols * 3 + 1].sort((a, b) => a - b));
  await screenshot(session.page, '10-forget-picked');
});

test('each rule button resolves to the exact set in the worker', async ({ session, lab, picker }) => {
  test.setTimeout(90_000);
  const { dataset } = await lab.snapshot();
  assert.ok(dataset);
  await picker.rule('random');
  const random = await picker.waitFor((f) => f.rule.kind === 'random' && f.status === 'ready', 20_000, 'random 100');
  assert.equal(random.indices.length, 100);
  assert.equal(new Set(random.indices).size, 100);
  assert.equal(random.classCounts.reduce((a, b) => a + b, 0), 100);

  await picker.rule('class');
  const cls = await picker.waitFor((f) => f.rule.kind === 'class' && f.status === 'ready', 20_000, 'a whole class');
  assert.equal(cls.indices.length, dataset.classCounts[3]);
  assert.equal(cls.classCounts[3], dataset.classCounts[3]);

  await picker.rule('mislabeled');
  const mis = await picker.waitFor((f) => f.rule.kind === 'mislabeled' && f.status === 'ready', 20_000, 'mislabeled');
  assert.equal(mis.indices.length, 100);

  await picker.rule('backdoor');
  const bd = await picker.waitFor((f) => f.rule.kind === 'backdoor' && f.status === 'ready', 20_000, 'backdoor');
  assert.equal(bd.indices.length, 100);
  assert.equal(bd.classCounts[0], 0, 'backdoor images come from classes other than the target');

  await picker.rule('subpopulation');
  const sub = await picker.waitFor((f) => f.rule.kind === 'subpopulation' && f.status === 'ready', 60_000, 'a sub-population');
  assert.ok(sub.indices.length > 0 && sub.indices.length <= 100);
  assert.equal(sub.classCounts[3], sub.indices.length, 'one class only');
  await screenshot(session.page, '11-forget-subpopulation');
});

test('a lasso on the pool map adds the images inside it', async ({ session, picker }) => {
  test.setTimeout(60_000);
  await picker.rule('clear');
  await picker.waitFor((f) => f.indices.length === 0, 5_000, 'an empty set');
  await picker.openTab(/^Map$/);
  await picker.waitFor((f) => f.mapReady, 40_000, 'the map');
  await session.page.waitForTimeout(200);
  await picker.lasso([[0.3, 0.3], [0.7, 0.3], [0.7, 0.7], [0.3, 0.7]]);
  const f = await picker.waitFor((x) => x.indices.length > 0, 5_000, 'the lassoed images');
  assert.equal(f.rule.kind, 'indices');
  assert.ok(f.indices.length < 5000);
  console.log(`[e2e] lasso picked ${f.indices.length} images`);
  await screenshot(session.page, '12-forget-lasso');
  assert.deepEqual(session.errors, []);
});
