/**
 * Environment checks that run before `tf.setBackend`, one per backend.
 *
 * Why: `tf.setBackend` reports failure as a bare `false` (the cause goes to
 * console.warn, or nowhere in prod mode), and for webgpu a missing adapter surfaces
 * as a TypeError deep in the factory. Checking the preconditions ourselves gives the
 * user a reason they can act on ("start Chromium with --enable-unsafe-webgpu") and
 * lets us report the adapter we will run on.
 */
import { tf } from '../tf';
import type { BackendName } from './select';

export type ProbeResult =
  | { ok: true; adapterInfo?: string; isFallbackAdapter?: boolean }
  | { ok: false; reason: string };

const fail = (reason: string): ProbeResult => ({ ok: false, reason });

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** True where tfjs registered a factory for `name` (webgl and webgpu only do so in a browser scope). */
function registered(name: BackendName): boolean {
  return tf.findBackendFactory(name) != null;
}

async function probeWebGPU(): Promise<ProbeResult> {
  const gpu = typeof navigator === 'undefined' ? undefined : (navigator as Partial<Navigator>).gpu;
  if (gpu == null) {
    return fail(
      typeof navigator === 'undefined'
        ? 'no navigator (not a browser)'
        : 'navigator.gpu is missing (WebGPU not exposed; Chromium on Linux needs --enable-unsafe-webgpu)',
    );
  }
  if (!registered('webgpu')) return fail('the tfjs webgpu backend is not registered in this scope');
  let adapter: GPUAdapter | null;
  try {
    // Same power preference as the tfjs factory, so we describe the adapter it will get.
    const lowPower = tf.env().getBool('WEBGPU_USE_LOW_POWER_GPU');
    adapter = await gpu.requestAdapter({ powerPreference: lowPower ? 'low-power' : 'high-performance' });
  } catch (err) {
    return fail(`navigator.gpu.requestAdapter() threw: ${errorText(err)}`);
  }
  if (adapter == null) return fail('navigator.gpu.requestAdapter() returned null (no usable GPU adapter; on Linux, Chromium needs --enable-unsafe-webgpu)');
  const info = adapter.info as Partial<GPUAdapterInfo> | undefined;
  const parts = [info?.vendor, info?.architecture, info?.device, info?.description].filter((s) => s);
  // `isFallbackAdapter` moved from GPUAdapter to GPUAdapterInfo; read whichever exists.
  const legacy = (adapter as unknown as { isFallbackAdapter?: boolean }).isFallbackAdapter;
  return {
    ok: true,
    adapterInfo: parts.length > 0 ? parts.join(' / ') : 'unknown adapter',
    isFallbackAdapter: info?.isFallbackAdapter ?? legacy,
  };
}

function probeWebGL(): ProbeResult {
  if (!registered('webgl')) return fail('no WebGL in this environment (tfjs registers webgl only in a page or worker)');
  // tfjs creates its canvas as an OffscreenCanvas (WebGL2) in a worker, a DOM canvas in a page.
  if (typeof OffscreenCanvas === 'undefined' && typeof document === 'undefined') {
    return fail('no OffscreenCanvas in this worker, so no WebGL context can be created');
  }
  // Evaluating WEBGL_VERSION makes tfjs create (and cache for the backend) a context.
  const version = tf.env().getNumber('WEBGL_VERSION');
  if (version === 0) return fail('no WebGL2/WebGL1 context could be created (WEBGL_VERSION = 0)');
  if (version === 1 && typeof document === 'undefined') {
    return fail('only WebGL1 is available, which tfjs cannot use in a worker');
  }
  return { ok: true };
}

function probeWasm(): ProbeResult {
  if (typeof WebAssembly === 'undefined') return fail('WebAssembly is not available');
  if (!registered('wasm')) return fail("the tfjs wasm backend is not registered (import '@tensorflow/tfjs-backend-wasm')");
  return { ok: true };
}

/** Checks what can be checked without initialising `name`; `ok` is a prerequisite, not a promise. */
export async function probe(name: BackendName): Promise<ProbeResult> {
  switch (name) {
    case 'webgpu':
      return probeWebGPU();
    case 'webgl':
      return probeWebGL();
    case 'wasm':
      return probeWasm();
    case 'cpu':
      return registered('cpu') ? { ok: true } : fail('the tfjs cpu backend is not registered');
  }
}

/**
 * What the active backend runs on, read after initialisation, for the report: the
 * WebGL renderer string, or the wasm build's SIMD and thread count (which decide its
 * speed and must be recorded with any timing).
 */
export async function describeActive(name: BackendName): Promise<string | undefined> {
  if (name === 'webgl') {
    const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl;
    if (gl == null) return undefined;
    // RENDERER is masked ("WebKit WebGL"); the debug extension names the real one (e.g. SwiftShader).
    const debug = gl.getExtension('WEBGL_debug_renderer_info');
    return String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  }
  if (name === 'wasm') {
    const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    const threadsOk = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
    const backend = tf.backend() as unknown as { wasm?: { tfjs?: { getThreadsCount?: () => number } } };
    const threads = backend.wasm?.tfjs?.getThreadsCount?.() ?? 1;
    // Each worker of the pool runs one tfjs-wasm instance; say so, so that "1 thread" here
    // is not read as the lab using one core (the Active line counts the workers).
    return `SIMD ${simd ? 'on' : 'off'}; tfjs-wasm ${threadsOk ? 'threaded' : 'single-threaded'} build, ${threads} thread${threads === 1 ? '' : 's'} per worker`;
  }
  return undefined;
}
