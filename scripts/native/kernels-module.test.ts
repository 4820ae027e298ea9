import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileAllKernels } from './compile-kernels';
import { KERNELS_MODULE_PATH, renderKernelsModule } from './kernels-module';

describe('the embedded native kernels', () => {
  it('are exactly what the AssemblyScript sources compile to, in both builds (run `npm run build:kernels` after editing them)', async () => {
    const committed = readFileSync(KERNELS_MODULE_PATH, 'utf8');
    expect(committed).toBe(renderKernelsModule(await compileAllKernels()));
  });
});
