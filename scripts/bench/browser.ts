import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { launch } from '../../e2e/support/browser';

const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
/** Its own build folder, so a benchmark never races the e2e suite's dist/. */
const OUT_DIR = '.cache/bench-dist';
const KINDS = ['linear', 'mlp', 'cnn-s'] as const;

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

/** Images to time per (backend, model): SwiftShader GPU backends and pure JS are 10–100× slower. */
function examplesFor(backend: string, kind: string, quick: boolean): number {
  const slow = backend !== 'wasm';
  const base = kind === 'cnn-s' ? (slow ? 128 : 512) : slow ? 512 : 2560;
  return quick ? Math.max(128, base / 4) : base;
}

/**
 * Builds the page, serves it, and measures training throughput in a Web Worker for every
 * backend × model in headless Chromium (WebGPU via --enable-unsafe-webgpu: SwiftShader here).
 */
export async function browserThroughput(quick: boolean) {
  const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'error', '--outDir', OUT_DIR], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('vite build failed');
  const port = await freePort();
  const server = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'preview', '--outDir', OUT_DIR, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { stdio: 'ignore' });
  await sleep(1500);
  const session = await launch({ webgpu: true });
  const table: Record<string, (number | null)[]> = {};
  const adapters = new Set<string>();
  try {
    for (const kind of KINDS) {
      table[kind] = [];
      for (const backend of BACKENDS) {
        await session.page.goto(`http://127.0.0.1:${port}/bench.html?backend=${backend}&kind=${kind}&examples=${examplesFor(backend, kind, quick)}`);
        const handle = await session.page.waitForFunction(() => (window as unknown as { __bench: unknown }).__bench, null, { timeout: 300_000, polling: 500 });
        const r = (await handle.jsonValue()) as { backend?: string; imagesPerSecond?: number; adapter?: string; error?: string };
        if (r.adapter) adapters.add(`${r.backend}: ${r.adapter}`);
        table[kind].push(!r.error && r.backend === backend ? (r.imagesPerSecond ?? null) : null);
      }
    }
  } finally {
    await session.close();
    server.kill();
  }
  return { backends: [...BACKENDS], table, note: `Chromium headless, one model, batch 128; adapters: ${[...adapters].join('; ')}` };
}
