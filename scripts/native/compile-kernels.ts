/**
 * Compiles the native kernels (workers/engine/native/assembly, AssemblyScript) to wasm bytes.
 * Shared by `npm run build:kernels`, which writes the embedded module, and by the test that
 * checks the committed module is what the sources compile to.
 */
import asc from 'assemblyscript/asc';

export const KERNEL_SOURCE = 'workers/engine/native/assembly/index.ts';

/** Flags are part of the contract: SIMD on, no relaxed (non-deterministic) SIMD, no runtime. */
export const KERNEL_FLAGS = ['-O3', '--runtime', 'stub', '--enable', 'simd', '--noAssert', '--initialMemory', '1'];

export async function compileKernels(): Promise<Uint8Array> {
  let binary: Uint8Array | null = null;
  const errors: string[] = [];
  const { error } = await asc.main([KERNEL_SOURCE, ...KERNEL_FLAGS, '--outFile', 'kernels.wasm'], {
    writeFile: (name: string, contents: Uint8Array | string) => {
      if (name.endsWith('.wasm') && typeof contents !== 'string') binary = contents;
    },
    stderr: { write: (s: string) => void errors.push(String(s)) } as never,
  });
  if (error || !binary) throw new Error(`AssemblyScript compile failed: ${error?.message ?? ''}\n${errors.join('')}`);
  return binary;
}
