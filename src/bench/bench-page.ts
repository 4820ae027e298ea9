/**
 * The browser half of `npm run bench`: measures training throughput of one model kind on
 * one backend inside a Web Worker (as the lab trains), for the URL's ?backend=&kind=&examples=.
 * The Node script drives this page with Chromium and reads `window.__bench`.
 */
const params = new URLSearchParams(location.search);
const out = document.getElementById('out')!;
const worker = new Worker(new URL('../../workers/entry/bench.worker.ts', import.meta.url), { type: 'module' });
(window as unknown as { __bench: unknown }).__bench = null;
worker.onmessage = (e: MessageEvent) => {
  (window as unknown as { __bench: unknown }).__bench = e.data;
  out.textContent = JSON.stringify(e.data, null, 2);
};
worker.onerror = (e) => {
  (window as unknown as { __bench: unknown }).__bench = { error: e.message || 'worker crashed' };
};
worker.postMessage({
  backend: params.get('backend') ?? 'wasm',
  kind: params.get('kind') ?? 'mlp',
  examples: Number(params.get('examples') ?? 1024),
});
