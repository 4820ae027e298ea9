/**
 * Share links: a copied link opened in a fresh browser (new launch, new profile) restores
 * the same experiment, hidden controls and lesson step; broken, out-of-range and
 * newer-version links show a message and leave a usable page.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { withFullParams } from '../../workers/engine/experiment/spelled-out-params';
import type { Experiment } from '../../workers/engine/experiment/schema';
import { ForgetPicker } from '../pages/forget-picker';
import { LabPage } from '../pages/lab-page';
import { test, type LabFixtures } from '../support/fixtures';
import { handMadeLink } from '../support/links';
import { screenshot } from '../support/screenshots';

const randomPreset = JSON.parse(readFileSync(new URL('../../public/presets/random-forget.json', import.meta.url), 'utf8')) as Record<string, unknown>;


async function opened(launchSession: LabFixtures['launchSession'], params: Record<string, string> = {}) {
  const session = await launchSession();
  const lab = new LabPage(session.page);
  await lab.open(params);
  return { session, lab, picker: new ForgetPicker(session.page) };
}

test('a copied link restores the same state in a fresh browser', async ({ launchSession }) => {
  test.setTimeout(90_000);
  const a = await opened(launchSession);
  let url: string;
  let before;
  try {
    await a.picker.rule('clear');
    await a.picker.waitFor((f) => f.indices.length === 0, 5_000);
    for (const k of [1, 4, 9]) await a.picker.click(k);
    await a.picker.waitFor((f) => f.indices.join() === '1,4,9', 5_000, 'three picked images');
    await a.session.page.getByText('Instructor').click();
    await a.session.page.getByLabel('Backend').check();
    await a.session.page.getByTestId('copy-link').click();
    await a.session.page.waitForTimeout(400);
    before = await a.picker.shared();
    url = before.url;
    assert.match(url, /[?&]x=1\./);
    assert.deepEqual(before.hidden, ['backend']);
    console.log(`[e2e] share link length: ${url.length}`);
  } finally {
    await a.session.close();
  }
  const b = await launchSession();
  try {
    const lab = new LabPage(b.page);
    await b.page.goto(url);
    await lab.waitFor((s) => s.datasetStatus === 'ready' && s.grid.drawn > 0, 60_000, 'the dataset');
    const picker = new ForgetPicker(b.page);
    const after = await picker.shared();
    // the link spells out every hyperparameter the page left at its default: the same run
    const spelledOut = { ...before.experiment, methods: withFullParams((before.experiment as Experiment).methods) };
    assert.deepEqual(after.experiment, spelledOut);
    assert.deepEqual(after.hidden, ['backend']);
    const f = await picker.waitFor((x) => x.status === 'ready', 10_000);
    assert.deepEqual(f.indices, [1, 4, 9]);
    assert.equal((await lab.snapshot()).messages.length, 0);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test('lesson mode: steps open their presets and the step is in the link', async ({ launchSession }) => {
  test.setTimeout(90_000);
  const a = await opened(launchSession);
  let url: string;
  try {
    await a.session.page.getByTestId('lesson-mode').click();
    await a.picker.waitFor((f) => f.rule.kind === 'random', 10_000, 'step 1');
    await a.session.page.getByRole('button', { name: /Next/ }).click();
    await a.picker.waitFor((f) => f.rule.kind === 'subpopulation', 10_000, 'step 2 (sub-population)');
    await a.session.page.waitForTimeout(400);
    const s = await a.picker.shared();
    assert.deepEqual(s.lesson, { id: 'classic', step: 1 });
    url = s.url;
    await screenshot(a.session.page, '13-lesson-step-2');
  } finally {
    await a.session.close();
  }
  const b = await launchSession();
  try {
    await b.page.goto(url);
    const lab = new LabPage(b.page);
    await lab.waitFor((s) => s.datasetStatus === 'ready', 60_000);
    await b.page.getByTestId('lesson-card').getByText('2 · Forget a sub-population').waitFor({ timeout: 10_000 });
    const s = await new ForgetPicker(b.page).shared();
    assert.deepEqual(s.lesson, { id: 'classic', step: 1 });
    assert.equal(s.experiment.forget.kind, 'subpopulation');
  } finally {
    await b.close();
  }
});

test('broken, out-of-range and newer links show a message and a usable page', async ({ launchSession }) => {
  test.setTimeout(120_000);
  const cases: { name: string; x: string; title: RegExp; text: RegExp }[] = [
    { name: 'garbage', x: 'garbage', title: /could not be opened/, text: /not a valid lab link/ },
    { name: 'newer', x: '9.eJwLSS0u0U1OzCtRAAA', title: /could not be opened/, text: /newer version/ },
    {
      name: 'out-of-range',
      x: handMadeLink({ e: { ...randomPreset, ensemble: { models: 9999 } } }),
      title: /repaired/,
      text: /ensemble\.models = 9999/,
    },
  ];
  for (const c of cases) {
    const { session, lab, picker } = await opened(launchSession, { x: c.x });
    try {
      const s = await lab.waitFor((x) => x.messages.length > 0, 10_000, `the message for the ${c.name} link`);
      assert.match(s.messages[0].title, c.title);
      assert.match(s.messages[0].text, c.text);
      assert.ok(await session.page.getByTestId('message').first().isVisible());
      if (c.name === 'out-of-range') {
        const x = await picker.shared();
        assert.equal((x.experiment as unknown as { ensemble: { models: number } }).ensemble.models, 128);
      }
      // Usable: a rule button still works and the grid is drawn.
      await picker.rule('random');
      await picker.waitFor((f) => f.rule.kind === 'random' && f.status === 'ready', 20_000);
      assert.ok((await lab.snapshot()).grid.drawn > 0);
      if (c.name === 'garbage') await screenshot(session.page, '14-broken-link');
      assert.deepEqual(session.errors, []);
    } finally {
      await session.close();
    }
  }
});
