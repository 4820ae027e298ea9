/**
 * npm run bench [-- --quick] [-- --only training,preset,attribution,browser]
 *
 * Prints ratios measured within one run (never compared across runs): training throughput
 * against the PyTorch peer (run right after, same cores), the default preset's time at N = 32
 * and 64 in Node and in the page, attribution quality (LDS, group-removal score) and cost,
 * and per-backend throughput in headless Chromium.
 * Real data: the CIFAR-10 subset in ../shared (falls back to the synthetic dataset).
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { initBackend } from '../workers/engine/backend/select';
import { hasSharedCifarSubset, resolveDatasetArg } from '../workers/engine/data/cifar-files.node.ts';
import { browserThroughput } from './bench/browser';
import { trainingVsPeer } from './bench/training';
import { presetBench } from './bench/preset';
import { attributionBench } from './bench/attribution';

const { values: a } = parseArgs({ options: { quick: { type: 'boolean', default: false }, only: { type: 'string' } } });
const only = new Set((a.only ?? 'training,preset,attribution,browser').split(','));
const quick = a.quick!;

async function main() {
  await initBackend('wasm');
  const datasetArg = hasSharedCifarSubset() ? 'cifar10-subset' : 'synthetic';
  const dataset = await resolveDatasetArg(datasetArg);
  console.log(`# Unlearning Lab benchmarks — ${new Date().toISOString().slice(0, 10)}`);
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; dataset: ${dataset.name}\n`);

  if (only.has('training')) await trainingVsPeer(dataset, quick);

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

  if (only.has('preset')) await presetBench(dataset, quick);

  if (only.has('attribution')) await attributionBench(dataset, quick);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
