/**
 * Notices when the GPU under the active backend goes away.
 *
 * Why: a lost WebGPU device (driver reset, GPU process crash, tab backgrounded too
 * long) or a lost WebGL context does not throw where the engine can see it: later
 * kernels fail with unrelated errors or hang on `data()`. Subscribing to the loss
 * signal lets the worker report one typed error and restart on another backend.
 */
/** Plain data, so the worker can post it to the page as is. */
export interface BackendLost {
  kind: 'backend-lost';
  backend: 'webgpu' | 'webgl';
  /** GPUDeviceLostInfo.reason ('unknown', ...) or 'context-lost' for WebGL. */
  reason: string;
  message: string;
}

type Listener = (event: BackendLost) => void;

const listeners = new Set<Listener>();
/** Devices and canvases already watched, so re-initialising does not double-report. */
const watched = new WeakSet<object>();

/** Calls `cb` when the active GPU backend is lost. Returns an unsubscribe function. */
export function onBackendLost(cb: Listener): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}

function emit(event: BackendLost): void {
  for (const cb of [...listeners]) cb(event);
}

/**
 * Subscribes to the loss signal of `backend` (the tfjs backend instance, `tf.backend()`,
 * passed in so tests can hand a stand-in); a no-op for wasm and cpu.
 */
export function watchBackend(name: string, backend: unknown): void {
  if (name === 'webgpu') {
    const device = (backend as { device?: GPUDevice }).device;
    if (device == null || watched.has(device)) return;
    watched.add(device);
    void device.lost.then((info) => {
      // 'destroyed' means someone called device.destroy() on purpose (tfjs does when
      // its backend is disposed); that is not a failure to report.
      if (info.reason === 'destroyed') return;
      emit({ kind: 'backend-lost', backend: 'webgpu', reason: info.reason, message: info.message || 'GPU device lost' });
    });
  } else if (name === 'webgl') {
    const canvas = (backend as { gpgpu?: { gl?: { canvas?: EventTarget } } }).gpgpu?.gl?.canvas;
    if (canvas == null || watched.has(canvas)) return;
    watched.add(canvas);
    canvas.addEventListener('webglcontextlost', () => {
      emit({ kind: 'backend-lost', backend: 'webgl', reason: 'context-lost', message: 'WebGL context lost' });
    });
  }
}
