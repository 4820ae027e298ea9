/**
 * The first half of playwright.config.ts's webServer command, before `vite preview`:
 * builds the page into dist/ (skipped with E2E_SKIP_BUILD=1, to reuse dist/) and prepares
 * the CIFAR-10 development subset into dist/datasets when it sits beside the repository.
 * Logs go to stderr, which Playwright shows with a [WebServer] prefix.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const log = (msg: string) => console.error(`[e2e] ${msg}`);

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: ['ignore', process.stderr, process.stderr] });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}`);
}

/**
 * The prepared-dataset test needs a folder listed in dist/datasets/index.json. A fresh
 * clone has none (public/datasets/ is git-ignored), so prepare the development subset
 * straight into dist/ when it sits beside the repository, as it does in CI.
 */
function prepareCifarSubset(): void {
  const index = join(ROOT, 'dist', 'datasets', 'index.json');
  const listed = existsSync(index) && (JSON.parse(readFileSync(index, 'utf8')) as { datasets?: unknown[] }).datasets?.length;
  const subset = join(ROOT, '..', 'shared', 'data', 'cifar10-subset');
  if (listed || !existsSync(subset)) return;
  log(`preparing ${subset} into dist/datasets`);
  run(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'data-cifar10.ts'), '--from', subset, '--out', join(ROOT, 'dist', 'datasets')]);
}

if (process.env.E2E_SKIP_BUILD !== '1') {
  log('building the page (vite build)');
  run(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'error']);
}
prepareCifarSubset();
