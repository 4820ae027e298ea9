/**
 * npm run bench [-- --quick] [-- --only training,ensemble,preset,attribution,browser]
 *
 * Prints ratios measured within one run (never compared across runs): training throughput
 * per model and backend, the batched-ensemble speed-up, whole-preset time by stage (N=8 and
 * N=16) with each method's cost as a fraction of Retrain's, and the attribution figures.
 * Real data: the CIFAR-10 subset in ../shared (falls back to the synthetic dataset).
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { initBackend } from '../workers/engine/backend/select';
import { hasSharedCifarSubset, resolveDatasetArg } from '../workers/engine/data/cifar-files.node.ts';
import { parseExperiment } from '../workers/engine/experiment/schema';
import { runExperiment } from '../workers/engine/experiment/run-experiment';
import { noCache } from '../workers/engine/cache/blob-store';
import { MODEL_KINDS } from '../workers/engine/models/spec';
import { trainingThroughput } from '../workers/engine/train/throughput';
import { localCompute } from '../workers/engine/compute/local';
import { nodeWorkerPool } from '../workers/engine/compute/spawn.node.ts';
import { tf } from '../workers/engine/tf';
import { printResultsTable } from './cli/print-results';
import { browserThroughput } from './bench/browser';
import { attributionBench } from './bench/attribution';

const { values: a } = parseArgs({ options: { quick: { type: 'boolean', default: false }, only: { type: 'string' } } });
const only = new Set((a.only ?? 'training,ensemble,preset,attribution,browser').split(','));
const quick = a.quick!;

async function main() {
  await initBackend('wasm');
  const datasetArg = hasSharedCifarSubset() ? 'cifar10-subset' : 'synthetic';
  const dataset = await resolveDatasetArg(datasetArg);
  console.log(`# Unlearning Lab benchmarks — ${new Date().toISOString().slice(0, 10)}`);
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; dataset: ${dataset.name}\n`);

  if (only.has('training')) {
    console.log('## Training throughput, one model, batch 128 (images/s)\n');
    console.log('| model | Node wasm | Node cpu |');
    console.log('|---|---|---|');
    for (const kind of MODEL_KINDS) {
      const wasm = await trainingThroughput(localCompute(), dataset, kind, 1, kind === 'cnn-s' ? 512 : 2560);
      await tf.setBackend('cpu');
      const cpu = await trainingThroughput(localCompute({ native: false }), dataset, kind, 1, kind === 'cnn-s' ? 128 : 1280);
      await tf.setBackend('wasm');
      console.log(`| ${kind} | ${wasm.toFixed(0)} | ${cpu.toFixed(0)} |`);
    }
    console.log('');
  }

  if (only.has('browser')) {
    console.log('## Training throughput in headless Chromium (Web Worker), batch 128 (images/s)\n');
    try {
      const rows = await browserThroughput(quick);
      console.log('| model | ' + rows.backends.join(' | ') + ' |');
      console.log('|---|' + rows.backends.map(() => '---').join('|') + '|');
      for (const [kind, values] of Object.entries(rows.table)) console.log(`| ${kind} | ${values.map((v) => (v === null ? 'n/a' : v.toFixed(0))).join(' | ')} |`);
      console.log(`\n(${rows.note})\n`);
    } catch (e) {
      console.log(`browser benchmark skipped: ${(e as Error).message}\n`);
    }
  }

  if (only.has('ensemble')) {
    console.log('## Batched ensembles (wasm): N models in one fused computation vs one at a time\n');
    for (const kind of ['mlp', 'linear'] as const) {
      const n = 8;
      const pool = nodeWorkerPool();
      const fused = await trainingThroughput(pool, dataset, kind, n, 2560);
      pool.dispose();
      const single = await trainingThroughput(localCompute(), dataset, kind, 1, 2560);
      console.log(`- ${kind}, N=${n}: ${(fused * n).toFixed(0)} model-images/s fused vs ${single.toFixed(0)} one at a time → speed-up ×${((fused * n) / single).toFixed(2)}`);
    }
    console.log('');
  }

  if (only.has('preset')) {
    const preset = parseExperiment(JSON.parse(readFileSync('public/presets/random-forget.json', 'utf8')));
    for (const models of quick ? [8] : [8, 16]) {
      console.log(`## Whole preset "${preset.name}", N=${models}, ${preset.model.kind}, ${dataset.name}, wasm, no cache\n`);
      const started = performance.now();
      const r = await runExperiment({ ...preset, ensemble: { models } }, { dataset, store: noCache, attribution: (await import('../workers/engine/experiment/attribution-provider')).attributionProvider });
      printResultsTable(r);
      console.log(`\ntotal: ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    }
  }

  if (only.has('attribution')) await attributionBench(dataset, quick);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
