/**
 * Compiles the native kernels (workers/engine/native/assembly, AssemblyScript) to wasm bytes.
 * Shared by `npm run build:kernels`, which writes the embedded module, and by the test that
 * checks the committed module is what the sources compile to.
 */
import asc from 'assemblyscript/asc';

export const KERNEL_SOURCE = 'workers/engine/native/assembly/index.ts';

/**
 * The two builds, from one source. 'fused' adds relaxed SIMD for one instruction only,
 * f32x4.relaxed_madd (assembly/madd.ts), the CPU's fused multiply-add; 'strict' is plain
 * SIMD for engines without relaxed SIMD. No runtime, no assertions, in both.
 */
export const KERNEL_BUILDS = {
  fused: ['--enable', 'simd', '--enable', 'relaxed-simd'],
  strict: ['--enable', 'simd'],
} as const;

export type KernelBuild = keyof typeof KERNEL_BUILDS;

const COMMON_FLAGS = ['-O3', '--runtime', 'stub', '--noAssert', '--initialMemory', '1'];

export async function compileKernels(build: KernelBuild): Promise<Uint8Array> {
  let binary: Uint8Array | null = null;
  const errors: string[] = [];
  const { error } = await asc.main([KERNEL_SOURCE, ...COMMON_FLAGS, ...KERNEL_BUILDS[build], '--outFile', 'kernels.wasm'], {
    writeFile: (name: string, contents: Uint8Array | string) => {
      if (name.endsWith('.wasm') && typeof contents !== 'string') binary = contents;
    },
    stderr: { write: (s: string) => void errors.push(String(s)) } as never,
  });
  if (error || !binary) throw new Error(`AssemblyScript compile failed (${build}): ${error?.message ?? ''}\n${errors.join('')}`);
  return binary;
}

/** Both builds, in the order the generated module lists them. */
export async function compileAllKernels(): Promise<Record<KernelBuild, Uint8Array>> {
  return { fused: await compileKernels('fused'), strict: await compileKernels('strict') };
}
