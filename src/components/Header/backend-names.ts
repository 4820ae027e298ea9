/** Display names and badge colours of the backends (Okabe-Ito; the name is always shown too). */
import type { BackendPreference } from '../../../workers/entry/lab-api';

export const BACKEND_LABEL: Record<BackendPreference, string> = {
  auto: 'Automatic (fastest available)',
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WebAssembly',
  cpu: 'CPU (plain JavaScript)',
};

export const BACKEND_COLOUR: Record<Exclude<BackendPreference, 'auto'>, string> = {
  webgpu: 'var(--oi-green)',
  webgl: 'var(--oi-blue)',
  wasm: 'var(--oi-orange)',
  cpu: 'var(--oi-purple)',
};
