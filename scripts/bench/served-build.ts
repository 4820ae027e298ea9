import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** Its own build folder, so a benchmark never races the e2e suite's dist/. */
export const BENCH_DIST = '.cache/bench-dist';

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
  });
}

/**
 * Builds the page into BENCH_DIST (with the CIFAR-10 subset prepared into it when it sits
 * beside the repository), serves it with `vite preview`, runs `f` with the base URL, stops.
 */
export async function withServedBuild<T>(f: (baseUrl: string) => Promise<T>): Promise<T> {
  const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'error', '--outDir', BENCH_DIST], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('vite build failed');
  const subset = '../shared/data/cifar10-subset';
  if (existsSync(subset)) spawnSync(process.execPath, ['--import', 'tsx', 'scripts/data-cifar10.ts', '--from', subset, '--out', `${BENCH_DIST}/datasets`], { stdio: 'ignore' });
  const port = await freePort();
  const server = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'preview', '--outDir', BENCH_DIST, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { stdio: 'ignore' });
  await sleep(1500);
  try {
    return await f(`http://127.0.0.1:${port}`);
  } finally {
    server.kill();
  }
}
