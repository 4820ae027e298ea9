import { launch } from '../../e2e/support/browser';
import { withServedBuild } from './served-build';

const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
const KINDS = ['linear', 'mlp', 'cnn-s'] as const;

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
export function browserThroughput(quick: boolean) {
  return withServedBuild((base) => throughputOn(base, quick));
}

async function throughputOn(base: string, quick: boolean) {
  const session = await launch({ webgpu: true });
  const table: Record<string, (number | null)[]> = {};
  const adapters = new Set<string>();
  try {
    for (const kind of KINDS) {
      table[kind] = [];
      for (const backend of BACKENDS) {
        await session.page.goto(`${base}/bench.html?backend=${backend}&kind=${kind}&examples=${examplesFor(backend, kind, quick)}`);
        const handle = await session.page.waitForFunction(() => (window as unknown as { __bench: unknown }).__bench, null, { timeout: 300_000, polling: 500 });
        const r = (await handle.jsonValue()) as { backend?: string; imagesPerSecond?: number; adapter?: string; error?: string };
        if (r.adapter) adapters.add(`${r.backend}: ${r.adapter}`);
        table[kind].push(!r.error && r.backend === backend ? (r.imagesPerSecond ?? null) : null);
      }
    }
  } finally {
    await session.close();
  }
  return { backends: [...BACKENDS], table, note: `Chromium headless, one model, batch 128; adapters: ${[...adapters].join('; ')}` };
}
