import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPreparedDataset, loadPreparedIndex, type FetchLike } from '../workers/engine/data/prepared.ts';
import { fakeCifarFiles } from '../workers/engine/data/test-fixtures.ts';

const run = promisify(execFile);
const SCRIPT = new URL('./data-cifar10.ts', import.meta.url).pathname;

/** Serve a folder as if it were the site root (what Vite does for public/). */
function fetchFromDisk(root: string): FetchLike {
  return async (url) => {
    try {
      return new Response(readFileSync(join(root, url)));
    } catch {
      return new Response('', { status: 404, statusText: 'Not Found' });
    }
  };
}

describe('npm run data:cifar10', () => {
  const dir = mkdtempSync(join(tmpdir(), 'data-cifar10-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prepares a folder the page loader accepts, and lists it in index.json', async () => {
    const from = join(dir, 'from');
    const out = join(dir, 'site', 'datasets');
    mkdirSync(from, { recursive: true });
    for (const f of fakeCifarFiles(3, 5, 2)) writeFileSync(join(from, f.name), f.bytes);
    const { stdout } = await run(process.execPath, ['--import', 'tsx', SCRIPT, '--from', from, '--out', out, '--id', 'mini']);
    expect(stdout).toMatch(/15 train \+ 2 validation images/);

    const site = join(dir, 'site');
    const index = await loadPreparedIndex('/datasets/index.json', fetchFromDisk(site));
    expect(index.datasets.map((d) => d.id)).toEqual(['mini']);
    const d = await loadPreparedDataset(`/datasets/${index.datasets[0].path}`, fetchFromDisk(site));
    expect(d.train.count).toBe(15);
    expect(d.hash).toBe(index.datasets[0].hash);

    // A second dataset is added next to the first, not instead of it.
    await run(process.execPath, ['--import', 'tsx', SCRIPT, '--from', from, '--out', out, '--id', 'another']);
    const again = await loadPreparedIndex('/datasets/index.json', fetchFromDisk(site));
    expect(again.datasets.map((x) => x.id)).toEqual(['another', 'mini']);
  });

  it('fails with the loader message and exit code 1 on a bad file', async () => {
    const from = join(dir, 'bad');
    mkdirSync(from, { recursive: true });
    for (const f of fakeCifarFiles(1, 1, 1)) writeFileSync(join(from, f.name), f.name === 'test_batch.bin' ? f.bytes.subarray(0, 100) : f.bytes);
    const failure = await run(process.execPath, ['--import', 'tsx', SCRIPT, '--from', from, '--out', join(dir, 'bad-out')]).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(/error: test_batch\.bin: truncated record: 100 bytes is 0 records and 100 extra bytes/);
  });
});
