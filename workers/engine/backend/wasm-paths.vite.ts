/**
 * URLs of the tfjs wasm binaries as Vite serves them, for `initBackend(..., { wasmPaths })`.
 *
 * Why: the wasm backend fetches its `.wasm` file relative to the script that loaded it,
 * which in a Vite bundle is a hashed chunk with no binaries beside it. Importing each
 * binary with `?url` makes Vite emit it and hands us its final URL. All three are
 * needed: tfjs picks plain, SIMD or threaded-SIMD at run time (threaded needs
 * cross-origin isolation, which vite.config.ts sets up).
 *
 * Vite-only (the `?url` suffix means nothing to Node): import this from the worker
 * entry, never from code that also runs in Node or Vitest.
 */
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

export const viteWasmPaths: Record<string, string> = {
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd,
};
