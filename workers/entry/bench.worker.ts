/// <reference lib="webworker" />
/**
 * Benchmark worker (bench.html): initialises the requested backend exactly as the lab
 * worker does and measures training throughput with the engine's own code.
 */
import { initBackend, type BackendPreference } from '../engine/backend/select';
import { viteWasmPaths } from '../engine/backend/wasm-paths.vite';
import { makeSyntheticDataset } from '../engine/data/dataset';
import type { ModelKind } from '../engine/models/spec';
import { trainingThroughput } from '../engine/train/throughput';
import { localCompute } from '../engine/compute/local';

self.onmessage = async (e: MessageEvent<{ backend: BackendPreference; kind: ModelKind; examples: number }>) => {
  try {
    const report = await initBackend(e.data.backend, { wasmPaths: viteWasmPaths });
    // Same sizes as the CIFAR subset (5,000 + 1,000); throughput does not depend on pixel content.
    const dataset = await makeSyntheticDataset({ seed: 1, trainSize: 5000, validationSize: 1000 });
    // One model in this worker: native kernels on wasm, tfjs on the other backends (what the lab runs).
    const compute = localCompute({ native: report.active === 'wasm' });
    const imagesPerSecond = await trainingThroughput(compute, dataset, e.data.kind, 1, e.data.examples);
    self.postMessage({ backend: report.active, fallbacks: report.fallbacks, adapter: report.adapterInfo, kind: e.data.kind, imagesPerSecond });
  } catch (err) {
    self.postMessage({ error: (err as Error)?.message ?? String(err) });
  }
};
