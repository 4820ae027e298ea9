/**
 * Chooses and initialises the tfjs backend the engine runs on, by what actually
 * initialises rather than by what is registered, and says why each better backend was
 * passed over. Same code in a Web Worker and in Node (where only wasm and cpu exist).
 *
 * Importing this module registers the wasm and webgpu backends (side effects) and the
 * project's wasm training kernels. The webgpu import is safe in Node: tfjs only
 * registers the backend where `navigator.gpu` exists (checked in select.test.ts).
 */
import '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { tf } from '../tf';
import { watchBackend } from './lost';
import { describeActive, probe, type ProbeResult } from './probe';
import { registerWasmTrainingKernels } from './wasm-conv2d-backprop';
import { isSoftwareRenderer, measureTrainingSpeed } from './speed';

export { onBackendLost, type BackendLost } from './lost';

/** Best first: the order 'auto' tries, and the order an explicit choice falls back along. */
export const BACKEND_NAMES = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];
export type BackendPreference = BackendName | 'auto';

export interface BackendReport {
  active: BackendName;
  requested: BackendPreference;
  /** Every backend tried before `active`, in order, with the reason it was not used. */
  fallbacks: { backend: BackendName; reason: string }[];
  /** WebGPU adapter, WebGL renderer, or wasm build (SIMD/threads): what timings depend on. */
  adapterInfo?: string;
  /** WebGPU only: true for a software adapter such as SwiftShader (expect CPU speeds). */
  isFallbackAdapter?: boolean;
  /** tfjs flags this module set on the active backend; record them with results. */
  flags: Record<string, number | boolean>;
  /** Set by the lab worker: what trains the models ('native' wasm kernels or tfjs) and in how many threads. */
  engine?: 'native' | 'tfjs';
  threads?: number;
  /** Set with engine 'native': whether its kernels run the fused multiply-add build (native/kernels.ts). */
  fusedMultiplyAdd?: boolean;
  /**
   * 'auto' only: the fused training step measured on every backend that initialised, in
   * model-images per second for the whole device (wasm: one thread × the worker threads);
   * null where it was not measured, with the reason.
   */
  measured?: { backend: BackendName; modelImagesPerSecond: number | null; note?: string }[];
  /** 'auto' only: the measurement came from this device's cache instead of a fresh probe. */
  measuredFromCache?: boolean;
}

/** A per-device memory of the probe's choice (the page keeps it in IndexedDB). */
export interface ProbeCache {
  get(key: string): Promise<BackendReport['measured'] | undefined>;
  set(key: string, value: BackendReport['measured']): Promise<void>;
}

export interface InitBackendOptions {
  /** URLs of the three wasm binaries (see wasm-paths.vite.ts) or a folder prefix. Node needs none. */
  wasmPaths?: Record<string, string> | string;
  /**
   * Prefer reproducible results over speed (default true). On webgpu this forces the
   * packed matmul program: the default split-K matmul sums with atomics in varying
   * order, so runs differed bit-wise; packed is reproducible and slower for matmuls
   * with a large inner dimension. wasm, webgl and cpu are deterministic as they are.
   */
  deterministic?: boolean;
  /** Give up on a backend whose initialisation has not settled after this long (default 30 s). */
  timeoutMs?: number;
  /**
   * Allow the threaded wasm build (default false). Off by default because (1) in a
   * minified Vite bundle its pthread workers die with "ReferenceError: e is not
   * defined" (tfjs ships the worker code as `factory.toString()`, which loses the
   * minified names it refers to) and take the engine worker down with them, and
   * (2) tfjs uses half the cores, so with 2–3 cores it runs one thread anyway.
   * Must be decided before the wasm backend first initialises.
   */
  wasmThreads?: boolean;
  /** 'auto': worker threads the wasm engine will train in (its speed counts that many times). */
  computeThreads?: number;
  /** 'auto': skip the timed probe (tests, and Node where only wasm and cpu exist). */
  measure?: boolean;
  /** 'auto': where the probe's result is remembered per device. */
  probeCache?: ProbeCache;
}

/** Outcome of trying one backend: ok with what it runs on, or the reason it was skipped. */
export type AttemptResult = ProbeResult;

/**
 * The fallback walk, separated from tfjs so it can be tested: tries `preference` (or
 * the best backend for 'auto') and each one after it in BACKEND_NAMES until one works.
 */
export async function chooseBackend(
  preference: BackendPreference,
  attempt: (name: BackendName) => Promise<AttemptResult>,
): Promise<{ active: BackendName; fallbacks: BackendReport['fallbacks']; result: AttemptResult & { ok: true } }> {
  const start = preference === 'auto' ? 0 : BACKEND_NAMES.indexOf(preference);
  if (start < 0) throw new TypeError(`Unknown backend preference '${String(preference)}'.`);
  const fallbacks: BackendReport['fallbacks'] = [];
  for (const name of BACKEND_NAMES.slice(start)) {
    const result = await attempt(name);
    if (result.ok) return { active: name, fallbacks, result };
    fallbacks.push({ backend: name, reason: result.reason });
  }
  const why = fallbacks.map((f) => `${f.backend}: ${f.reason}`).join('; ');
  throw new Error(`No tfjs backend could be initialised (${why}).`);
}

const errorText = (err: unknown): string =>
  err instanceof Error ? err.message : typeof err === 'object' && err != null && 'message' in err ? String(err.message) : String(err);

/**
 * Runs `tf.setBackend(name)` and returns null on success or the reason for failure.
 * tfjs swallows initialisation errors into console.warn and returns false, so the
 * warnings printed meanwhile are recorded (and still printed) to give a real reason.
 * A backend whose init never settles (e.g. a wasm binary that is never served) would
 * block the worker forever, hence the timeout.
 */
async function setBackendWithReason(name: BackendName, timeoutMs: number): Promise<string | null> {
  const warnings: string[] = [];
  const originalWarn = console.warn;
  console.warn = (...args: unknown[]) => {
    warnings.push(args.map(errorText).join(' '));
    originalWarn.apply(console, args);
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const outcome = await Promise.race([tf.setBackend(name), timeout]);
    if (outcome === 'timeout') return `initialisation did not finish within ${timeoutMs / 1000} s`;
    if (!outcome) {
      const detail = warnings.filter((w) => !w.startsWith('Initialization of backend')).join(' | ');
      return `tf.setBackend('${name}') failed${detail ? `: ${detail.split('\n')[0]}` : ''}`;
    }
  } catch (err) {
    return `tf.setBackend('${name}') threw: ${errorText(err)}`;
  } finally {
    clearTimeout(timer);
    console.warn = originalWarn;
  }
  // After a failed setBackend tfjs still reports the failed name until the next op
  // silently picks another backend, so check the engine really holds an instance.
  if (tf.getBackend() !== name || !initialised(name)) {
    return `tf.setBackend('${name}') succeeded but the active backend is '${tf.getBackend()}'`;
  }
  return null;
}

/** Whether tfjs holds an instance of `name`. (tf.findBackend would start initialising it.) */
function initialised(name: BackendName): boolean {
  return tf.engine().registry[name] != null;
}

let wasmPathsSet = false;

/** Binary locations and the threads choice only count before the wasm backend first initialises. */
function configureWasm(options: InitBackendOptions): void {
  if (initialised('wasm')) return;
  if (!options.wasmThreads) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (options.wasmPaths != null && !wasmPathsSet) {
    setWasmPaths(options.wasmPaths);
    wasmPathsSet = true;
  }
}

/** Backend-specific settings applied after activation; returns what was set. */
function configure(name: BackendName, deterministic: boolean): Record<string, number | boolean> {
  const flags: Record<string, number | boolean> = {};
  if (name === 'webgpu' && deterministic) {
    // 3 = MatMulPackedProgram: never split-K, so sums happen in a fixed order.
    tf.env().set('WEBGPU_MATMUL_PROGRAM_TYPE', 3);
    flags.WEBGPU_MATMUL_PROGRAM_TYPE = 3;
  }
  return flags;
}

async function initOnce(preference: BackendPreference, options: InitBackendOptions): Promise<BackendReport> {
  registerWasmTrainingKernels();
  configureWasm(options);
  if (preference === 'auto' && options.measure !== false) return initFastest(options);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const { active, fallbacks, result } = await chooseBackend(preference, async (name) => {
    const probed = await probe(name);
    if (!probed.ok) return probed;
    const failure = await setBackendWithReason(name, timeoutMs);
    return failure == null ? probed : { ok: false, reason: failure };
  });
  const flags = configure(active, options.deterministic ?? true);
  watchBackend(active, tf.backend());
  const report: BackendReport = { active, requested: preference, fallbacks, flags };
  const adapterInfo = result.adapterInfo ?? (await describeActive(active));
  if (adapterInfo != null) report.adapterInfo = adapterInfo;
  if (result.isFallbackAdapter != null) report.isFallbackAdapter = result.isFallbackAdapter;
  return report;
}

/**
 * 'auto' by measurement: every backend that initialises runs the real fused training step
 * (speed.ts) and the fastest wins. A software GPU (SwiftShader & co.) is never chosen over
 * wasm, and is not even timed when wasm works (it would only cost seconds to lose). The
 * measurement is remembered per device when a cache is given.
 */
async function initFastest(options: InitBackendOptions): Promise<BackendReport> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const threads = Math.max(1, options.computeThreads ?? 1);
  const fallbacks: BackendReport['fallbacks'] = [];
  const usable: { name: BackendName; result: AttemptResult & { ok: true }; software: boolean; info?: string }[] = [];
  for (const name of BACKEND_NAMES) {
    const probed = await probe(name);
    const failure = probed.ok ? await setBackendWithReason(name, timeoutMs) : probed.reason;
    if (failure != null || !probed.ok) {
      fallbacks.push({ backend: name, reason: failure ?? 'unavailable' });
      continue;
    }
    const info = probed.adapterInfo ?? (await describeActive(name));
    usable.push({ name, result: probed, software: name === 'webgpu' || name === 'webgl' ? isSoftwareRenderer(info, probed.isFallbackAdapter) : false, info });
  }
  if (usable.length === 0) throw new Error(`No tfjs backend could be initialised (${fallbacks.map((f) => `${f.backend}: ${f.reason}`).join('; ')}).`);
  const wasmOk = usable.some((u) => u.name === 'wasm');
  const key = `${typeof navigator !== 'undefined' ? navigator.userAgent : 'node'}|${usable.map((u) => `${u.name}:${u.info ?? ''}`).join('|')}|${threads}`;
  let measured = await options.probeCache?.get(key);
  const fromCache = measured != null;
  if (!measured) {
    measured = [];
    for (const u of usable) {
      if (u.software && wasmOk) {
        measured.push({ backend: u.name, modelImagesPerSecond: null, note: `software renderer (${u.info ?? 'CPU emulation'}): never chosen over wasm` });
        continue;
      }
      if (u.name === 'cpu' && wasmOk) {
        measured.push({ backend: u.name, modelImagesPerSecond: null, note: 'plain JavaScript: never faster than wasm' });
        continue;
      }
      await tf.setBackend(u.name);
      const speed = await measureTrainingSpeed();
      measured.push({ backend: u.name, modelImagesPerSecond: u.name === 'wasm' ? speed * threads : speed });
    }
    await options.probeCache?.set(key, measured);
  }
  const best = measured.filter((m) => m.modelImagesPerSecond != null).sort((a, b) => b.modelImagesPerSecond! - a.modelImagesPerSecond!)[0] ?? measured[0];
  const chosen = usable.find((u) => u.name === best.backend) ?? usable[0];
  for (const m of measured) {
    if (m.backend === chosen.name) continue;
    const speed = m.modelImagesPerSecond;
    fallbacks.push({ backend: m.backend, reason: speed == null ? m.note ?? 'not measured' : `slower: ${Math.round(speed).toLocaleString('en-US')} vs ${Math.round(best.modelImagesPerSecond!).toLocaleString('en-US')} model-images/s` });
  }
  const failure = await setBackendWithReason(chosen.name, timeoutMs);
  if (failure) throw new Error(`The fastest backend, ${chosen.name}, failed to come back: ${failure}`);
  const flags = configure(chosen.name, options.deterministic ?? true);
  watchBackend(chosen.name, tf.backend());
  const order = (b: BackendName) => BACKEND_NAMES.indexOf(b);
  const report: BackendReport = { active: chosen.name, requested: 'auto', fallbacks: fallbacks.sort((a, b) => order(a.backend) - order(b.backend)), flags, measured, measuredFromCache: fromCache };
  if (chosen.info != null) report.adapterInfo = chosen.info;
  if (chosen.result.isFallbackAdapter != null) report.isFallbackAdapter = chosen.result.isFallbackAdapter;
  return report;
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Selects, initialises and configures a backend; see BackendReport for what it says.
 * Calls are serialised, because two overlapping `tf.setBackend` calls race inside tfjs.
 */
export function initBackend(preference: BackendPreference = 'auto', options: InitBackendOptions = {}): Promise<BackendReport> {
  const run = queue.then(
    () => initOnce(preference, options),
    () => initOnce(preference, options),
  );
  queue = run;
  return run;
}
