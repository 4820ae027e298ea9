/**
 * npm run build:kernels — compiles the native kernels and writes them, base64-embedded, to
 * workers/engine/native/kernels.wasm.ts. Embedded so that the same import works in a Web
 * Worker, in Node and in tests, with no asset URL to serve; committed so that a fresh
 * clone needs no build step (a unit test checks it matches the sources).
 */
import { writeFileSync } from 'node:fs';
import { compileAllKernels } from './compile-kernels';
import { KERNELS_MODULE_PATH, renderKernelsModule } from './kernels-module';

const builds = await compileAllKernels();
writeFileSync(KERNELS_MODULE_PATH, renderKernelsModule(builds));
console.log(`${KERNELS_MODULE_PATH}: ${builds.fused.length} bytes of wasm (fused), ${builds.strict.length} (strict)`);
