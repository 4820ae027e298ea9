#!/usr/bin/env node
/**
 * npm run test:e2e [-- NAME...]
 *
 * Builds the page, serves it with `vite preview` on a free port, and runs the
 * end-to-end tests in e2e/tests/ (node:test, one file at a time: each drives its own
 * Chromium and the machine may have two cores) against it. NAME filters test files by
 * substring. Prints "e2e: N passed, N failed, N skipped" last and exits non-zero on
 * any failure. Set E2E_SKIP_BUILD=1 to reuse dist/.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const started = Date.now();
const log = (msg) => console.log(`[e2e] ${msg}`);

/** Debian's Chromium; installed if missing, waiting out a dpkg lock held by someone else. */
async function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  log(`${CHROMIUM} not found: installing Debian's chromium`);
  for (let attempt = 1; attempt <= 30; attempt++) {
    const r = spawnSync('bash', ['-c', 'apt-get update && apt-get install -y chromium'], { stdio: 'inherit' });
    if (r.status === 0 && existsSync(CHROMIUM)) return;
    log(`apt-get failed (attempt ${attempt}, maybe dpkg is locked by another install); retrying in 10 s`);
    await sleep(10_000);
  }
  throw new Error(`could not install chromium at ${CHROMIUM}`);
}

/**
 * The prepared-dataset test needs a folder listed in dist/datasets/index.json. A fresh
 * clone has none (public/datasets/ is git-ignored), so prepare the development subset
 * straight into dist/ when it sits beside the repository, as it does in CI.
 */
function prepareCifarSubset() {
  const index = join(ROOT, 'dist', 'datasets', 'index.json');
  const listed = existsSync(index) && JSON.parse(readFileSync(index, 'utf8')).datasets?.length > 0;
  const subset = join(ROOT, '..', 'shared', 'data', 'cifar10-subset');
  if (listed || !existsSync(subset)) return;
  log(`preparing ${subset} into dist/datasets`);
  run(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'data-cifar10.ts'), '--from', subset, '--out', join(ROOT, 'dist', 'datasets')]);
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}`);
}

function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

async function startPreview(port) {
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const child = spawn(process.execPath, [vite, 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 150; i++) {
    if (child.exitCode != null) throw new Error(`vite preview exited:\n${output}`);
    try {
      if ((await fetch(url)).ok) return { child, url };
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  child.kill();
  throw new Error(`vite preview did not answer on ${url}:\n${output}`);
}

function testFiles(filters) {
  const dir = join(ROOT, 'e2e', 'tests');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.test.ts'))
    .filter((f) => filters.length === 0 || filters.some((n) => f.includes(n)))
    .sort()
    .map((f) => join('e2e', 'tests', f));
}

/** Counts from the TAP summary node:test writes ("# pass 5", "# fail 0", ...). */
function summarize(tapFile) {
  const tap = existsSync(tapFile) ? readFileSync(tapFile, 'utf8') : '';
  const count = (key) => Number(tap.match(new RegExp(`^# ${key} (\\d+)$`, 'm'))?.[1] ?? 0);
  return { passed: count('pass'), failed: count('fail') + count('cancelled'), skipped: count('skipped') + count('todo') };
}

async function main() {
  const filters = process.argv.slice(2);
  const files = testFiles(filters);
  if (files.length === 0) throw new Error(`no e2e test file matches ${filters.join(', ')}`);
  await ensureChromium();
  if (process.env.E2E_SKIP_BUILD !== '1') {
    log('building the page (vite build)');
    run(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'error']);
  }
  prepareCifarSubset();
  const port = await freePort();
  const { child: preview, url } = await startPreview(port);
  log(`serving dist/ at ${url}`);
  const tapFile = join(mkdtempSync(join(tmpdir(), 'lab-e2e-')), 'results.tap');
  let code;
  try {
    const args = [
      '--import', 'tsx',
      '--test', '--test-concurrency=1',
      '--test-reporter=spec', '--test-reporter-destination=stdout',
      '--test-reporter=tap', `--test-reporter-destination=${tapFile}`,
      ...files,
    ];
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, LAB_URL: url } });
    code = await new Promise((res) => child.on('exit', (c) => res(c ?? 1)));
  } finally {
    preview.kill();
  }
  const { passed, failed, skipped } = summarize(tapFile);
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  console.log(`e2e: ${passed} passed, ${failed} failed, ${skipped} skipped in ${seconds} s`);
  process.exit(code === 0 && failed === 0 && passed > 0 ? 0 : 1);
}

main().catch((err) => {
  console.error(`[e2e] ${err instanceof Error ? err.message : err}`);
  console.log('e2e: 0 passed, 1 failed, 0 skipped');
  process.exit(1);
});
