import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { datasetIndexPlugin } from './scripts/vite/dataset-index-plugin';

// Cross-origin isolation lets the wasm backend use SharedArrayBuffer (threads) and
// gives precise timers; both dev server and preview must send the same headers.
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react(), datasetIndexPlugin()],
  worker: { format: 'es' },
  server: { headers: isolationHeaders, port: 5173 },
  preview: { headers: isolationHeaders, port: 4173 },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    // bench.html: the browser half of `npm run bench` (training throughput per backend).
    rollupOptions: { input: { main: 'index.html', bench: 'bench.html' } },
  },
});
