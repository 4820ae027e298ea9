/**
 * npm run build:kernels — compiles the native kernels and writes them, base64-embedded, to
 * workers/engine/native/kernels.wasm.ts. Embedded so that the same import works in a Web
 * Worker, in Node and in tests, with no asset URL to serve; committed so that a fresh
 * clone needs no build step (a unit test checks it matches the sources).
 */
import { writeFileSync } from 'node:fs';
import { compileKernels } from './compile-kernels';
import { KERNELS_MODULE_PATH, renderKernelsModule } from './kernels-module';

const bytes = await compileKernels();
writeFileSync(KERNELS_MODULE_PATH, renderKernelsModule(bytes));
console.log(`${KERNELS_MODULE_PATH}: ${bytes.length} bytes of wasm`);
