import { describe, expect, it } from 'vitest';
import { tf } from '../tf';
import { watchBackend } from './lost';
import { chooseBackend, initBackend, onBackendLost, type BackendName } from './select';

describe('chooseBackend', () => {
  const only = (ok: BackendName[]) => async (name: BackendName) =>
    ok.includes(name) ? { ok: true as const } : { ok: false as const, reason: `${name} broken` };

  it('auto takes the first backend that works and says why the better ones were skipped', async () => {
    const r = await chooseBackend('auto', only(['wasm', 'cpu']));
    expect(r.active).toBe('wasm');
    expect(r.fallbacks).toEqual([
      { backend: 'webgpu', reason: 'webgpu broken' },
      { backend: 'webgl', reason: 'webgl broken' },
    ]);
  });

  it('an explicit choice falls back down the same order, never up', async () => {
    const tried: BackendName[] = [];
    const r = await chooseBackend('webgl', async (name) => {
      tried.push(name);
      return only(['webgpu', 'cpu'])(name);
    });
    expect(tried).toEqual(['webgl', 'wasm', 'cpu']);
    expect(r.active).toBe('cpu');
  });

  it('throws with every reason when nothing works, and on unknown names', async () => {
    await expect(chooseBackend('wasm', only([]))).rejects.toThrow(/wasm: wasm broken; cpu: cpu broken/);
    await expect(chooseBackend('tpu' as BackendName, only(['cpu']))).rejects.toThrow(/Unknown backend/);
  });
});

describe('initBackend in Node', () => {
  it('auto times the training step and selects wasm, explaining every other backend', async () => {
    const report = await initBackend('auto', { computeThreads: 2 });
    expect(report.active).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(report.fallbacks.map((f) => f.backend)).toEqual(['webgpu', 'webgl', 'cpu']);
    expect(report.fallbacks[0].reason).toMatch(/navigator/);
    expect(report.fallbacks[2].reason).toMatch(/never faster than wasm/);
    const wasm = report.measured!.find((m) => m.backend === 'wasm')!;
    expect(wasm.modelImagesPerSecond).toBeGreaterThan(0);
    expect(report.adapterInfo).toMatch(/SIMD on/);
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
  });

  it('honours an explicit cpu and falls back from webgpu to wasm', async () => {
    expect(await initBackend('cpu')).toMatchObject({ active: 'cpu', requested: 'cpu', fallbacks: [] });
    expect(tf.getBackend()).toBe('cpu');
    const report = await initBackend('webgpu');
    expect(report).toMatchObject({ active: 'wasm', requested: 'webgpu' });
    expect(report.fallbacks.map((f) => f.backend)).toEqual(['webgpu', 'webgl']);
  });

  it('serialises overlapping calls', async () => {
    const [a, b] = await Promise.all([initBackend('cpu'), initBackend('wasm')]);
    expect([a.active, b.active]).toEqual(['cpu', 'wasm']);
    expect(tf.getBackend()).toBe('wasm');
  });

  it('trains a conv layer on wasm after init', async () => {
    await initBackend('wasm');
    const w = tf.variable(tf.ones([3, 3, 2, 4]));
    const x = tf.ones([2, 6, 6, 2]) as tf.Tensor4D;
    const { grads } = tf.variableGrads(() => tf.conv2d(x, w as tf.Variable<tf.Rank.R4>, 1, 'same').sum() as tf.Scalar);
    // Interior taps see all 36 positions of both images; corner taps miss a row and a column.
    const g = await grads[w.name].data();
    expect(g[0]).toBe(2 * 25);
    tf.dispose([w, x, grads[w.name]]);
  });
});

describe('onBackendLost', () => {
  it('reports a lost WebGPU device once, ignores a deliberate destroy, and unsubscribes', async () => {
    const seen: string[] = [];
    const off = onBackendLost((e) => seen.push(`${e.backend}:${e.reason}:${e.message}`));
    const device = { lost: Promise.resolve({ reason: 'unknown', message: 'GPU process crashed' }) };
    watchBackend('webgpu', { device });
    watchBackend('webgpu', { device }); // same device: no second subscription
    watchBackend('webgpu', { device: { lost: Promise.resolve({ reason: 'destroyed', message: '' }) } });
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual(['webgpu:unknown:GPU process crashed']);
    off();
    watchBackend('webgpu', { device: { lost: Promise.resolve({ reason: 'unknown', message: 'again' }) } });
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toHaveLength(1);
  });
});

describe('software renderers', () => {
  it('are recognised by the fallback flag or the renderer name, real GPUs are not', async () => {
    const { isSoftwareRenderer } = await import('./speed');
    expect(isSoftwareRenderer('google / swiftshader')).toBe(true);
    expect(isSoftwareRenderer('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)')).toBe(true);
    expect(isSoftwareRenderer('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true);
    expect(isSoftwareRenderer('nvidia / hopper', true)).toBe(true);
    expect(isSoftwareRenderer('nvidia / hopper / NVIDIA H200')).toBe(false);
    expect(isSoftwareRenderer(undefined)).toBe(false);
  });
});
