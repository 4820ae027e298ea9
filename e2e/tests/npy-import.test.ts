/**
 * Datamodels computed elsewhere, imported as NumPy files: a small valid β (margin
 * datamodels, [train, train + validation] float32) drives the instant preview; a β of the
 * wrong shape is refused with a message that names the file and both shapes; a fresh
 * worker after a crash gets the imported files again.
 */
import assert from 'node:assert/strict';
import { writeNpy } from '../../workers/engine/npy/npy';
import { test } from '../support/fixtures';
import { laneWorker } from '../support/lanes';

test.use({ open: { backend: 'wasm' } });

/** Small deterministic values (a linear congruential generator), so the preview moves a little. */
function beta(rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  let s = 12345;
  for (let i = 0; i < out.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    out[i] = ((s / 2 ** 32) - 0.5) * 0.02;
  }
  return out;
}

test('imported .npy datamodels drive the instant preview; a wrong shape is named', async ({ session, lab, picker }) => {
  test.setTimeout(120_000);
  await lab.chooseSyntheticSize(1000);
  const { dataset } = await lab.snapshot();
  const n = dataset!.trainSize;
  const t = n + dataset!.validationSize;
  await picker.openTab(/Instant preview/);
  const input = session.page.getByTestId('import-datamodels');

  await input.setInputFiles({ name: 'beta.npy', mimeType: 'application/octet-stream', buffer: Buffer.from(writeNpy(beta(n, t), [n, t])) });
  const f = await picker.waitFor((x) => x.datamodels === 'imported' && x.preview != null, 30_000, 'imported datamodels and a first preview');
  const acc = f.preview!.accuracy as { validation: { before: number; after: number } };
  assert.ok(Number.isFinite(acc.validation.before) && Number.isFinite(acc.validation.after), JSON.stringify(f.preview));
  const shown = `${n.toLocaleString('en')} × ${t.toLocaleString('en')}`;
  await lab.waitFor((s) => s.messages.some((m) => m.title === `Imported datamodels: ${shown}`), 5_000, 'the import message');
  assert.match((await session.page.getByTestId('preview-latency').textContent()) ?? '', /imported datamodels \(imported\).*ms in the worker/);

  // A change of the forget set updates the prediction from the imported β.
  await picker.rule('random');
  await picker.waitFor((x) => x.rule.kind === 'random' && x.status === 'ready' && x.preview?.forgetSize === x.indices.length && x.indices.length > 0, 20_000, 'the preview of a random set');

  await input.setInputFiles({ name: 'wrong_beta.npy', mimeType: 'application/octet-stream', buffer: Buffer.from(writeNpy(beta(n, n), [n, n])) });
  const s = await lab.waitFor((x) => x.messages.some((m) => m.title === 'Could not import datamodels'), 10_000, 'the import error');
  const text = s.messages.find((m) => m.title === 'Could not import datamodels')!.text;
  assert.match(text, /wrong_beta\.npy/);
  assert.match(text, new RegExp(`\\(${n}, ${n}\\).*expected.*\\(${n}, ${t}\\)`));
  assert.equal(s.messages.some((m) => m.title.startsWith('Imported datamodels')), false);
  // The page stays usable: the earlier datamodels still drive the preview.
  assert.equal((await picker.forget()).datamodels, 'imported');
  assert.deepEqual(session.errors, []);

  // A worker that dies (cancel, crash, lost GPU) is replaced by a fresh one, which gets the
  // imported files again: the preview keeps working without a second import.
  // The imported datamodels live in the interactive lane's worker: crash that one.
  const generation = (await lab.snapshot()).interactiveGeneration;
  await (await laneWorker(session.page, 'lab-interactive')).evaluate(() => setTimeout(() => {
    throw new Error('simulated crash');
  }));
  await lab.waitFor((x) => x.messages.some((m) => m.title === 'The compute worker stopped'), 10_000, 'the crash message');
  await picker.rule('class');
  const after = await picker.waitFor((x) => x.rule.kind === 'class' && x.status === 'ready' && x.preview?.forgetSize === x.indices.length && x.indices.length > 0, 30_000, 'a preview from the fresh worker');
  assert.equal(after.datamodels, 'imported');
  assert.equal((await lab.snapshot()).interactiveGeneration, generation + 1);
});
