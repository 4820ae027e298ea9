/**
 * The command-line twin: the same engine as the page, in Node.
 *   npm run lab -- train …   trains one model and prints the same metrics as the page
 *   npm run lab -- run …     runs a whole experiment and writes the results file
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolveDatasetArg } from '../workers/engine/data/cifar-files.node.ts';
import { summarizeDataset } from '../workers/engine/data/dataset';
import { initBackend, type BackendPreference } from '../workers/engine/backend/select';
import { folderStore } from '../workers/engine/cache/node-store.node.ts';
import { noCache } from '../workers/engine/cache/blob-store';
import { parseExperiment } from '../workers/engine/experiment/schema';
import { runExperiment } from '../workers/engine/experiment/run-experiment';
import { resultsToCsv } from '../workers/engine/experiment/summary-table';
import { modelSpecSchema } from '../workers/engine/models/spec';
import { trainClassifier } from '../workers/engine/train/train-classifier';
import { defaultTraining } from '../workers/engine/experiment/defaults';
import { attributionProvider } from '../workers/engine/experiment/attribution-provider';
import { withImportedDatamodels } from './cli/imported-datamodels';
import { commandOf, parseCli, USAGE } from './cli/args';
import { formatSeconds, progressBar } from './cli/progress-bar';
import { datasetForExperiment } from './cli/dataset-for-experiment';
import { computeFor } from './cli/compute';
import { printResultsTable } from './cli/print-results';
import { evaluateMarginFiles } from './cli/evaluate-margins';
import { exportEasydub } from './cli/export-easydub';

async function main() {
  const { values: a, positionals } = parseCli(process.argv.slice(2));
  const command = commandOf(positionals, a);
  if (a.help || !command) {
    console.log(USAGE);
    process.exit(a.help ? 0 : 2);
  }
  if (command === 'evaluate') {
    await evaluateMarginFiles(a);
    return;
  }
  if (command === 'export') {
    exportEasydub(a);
    return;
  }
  const report = await initBackend(a.backend as BackendPreference);
  const compute = computeFor(report.active, command === 'train' ? 1 : a.threads ? Number(a.threads) : undefined);
  console.log(
    `backend: ${report.active}${report.fallbacks.length ? ` (fell back: ${report.fallbacks.map((f) => `${f.backend}: ${f.reason}`).join('; ')})` : ''}; ` +
      `models train on ${compute.engine === 'native' ? 'the native wasm kernels' : `tfjs ${compute.backend}`} in ${compute.threads} thread${compute.threads === 1 ? '' : 's'}`,
  );
  const bar = progressBar();
  const controller = new AbortController();
  process.on('SIGINT', () => {
    console.error('\ncancelling… (finished results are kept)');
    controller.abort();
  });

  if (command === 'train') {
    const dataset = await resolveDatasetArg(a.dataset!);
    const spec = modelSpecSchema.parse({ kind: a.model, hidden: a.hidden ? Number(a.hidden) : undefined });
    const base = defaultTraining(spec.kind);
    const training = {
      ...base,
      epochs: a.epochs ? Number(a.epochs) : base.epochs,
      learningRate: a.lr ? Number(a.lr) : base.learningRate,
      batchSize: a['batch-size'] ? Number(a['batch-size']) : base.batchSize,
    };
    console.log(`dataset: ${dataset.name} (${dataset.train.count} train, ${dataset.validation.count} validation)  model: ${spec.kind}  ${JSON.stringify(training)}`);
    const r = await trainClassifier({
      dataset,
      spec,
      training,
      seed: Number(a.seed),
      compute,
      signal: controller.signal,
      onProgress: (p) => bar.update(p.stage, p.done, p.total, p.secondsLeft, p.loss !== undefined ? `loss ${p.loss.toFixed(3)}  ${Math.round(p.examplesPerSecond ?? 0)} img/s` : ''),
      onEpoch: (e) => {
        bar.done();
        console.log(`epoch ${String(e.epoch).padStart(3)}  loss ${e.loss.toFixed(4)}  train acc ${(e.trainAccuracy * 100).toFixed(1)}%  validation acc ${(e.validationAccuracy * 100).toFixed(1)}%  ${e.seconds.toFixed(1)}s`);
      },
    });
    console.log(`done: train accuracy ${(r.trainAccuracy * 100).toFixed(1)}%, validation accuracy ${(r.validationAccuracy * 100).toFixed(1)}%, ${Math.round(r.examplesPerSecond)} images/s, ${formatSeconds(r.seconds)} on ${r.backend}`);
    compute.dispose();
    return;
  }

  if (!a.config) throw new Error('run needs --config FILE.json (see public/presets/)');
  const experiment = parseExperiment(JSON.parse(readFileSync(a.config, 'utf8')));
  const dataset = await datasetForExperiment(experiment, a.dataset === 'synthetic' ? undefined : a.dataset);
  console.log(`experiment: ${experiment.name}  dataset: ${dataset.name} (${summarizeDataset(dataset).trainSize} train)  model: ${experiment.model.kind}  N=${experiment.ensemble.models}`);
  const started = performance.now();
  const results = await runExperiment(experiment, {
    dataset,
    store: a['no-cache'] ? noCache : folderStore(a['cache-dir']!),
    attribution: withImportedDatamodels(attributionProvider, a.datamodels),
    compute,
    signal: controller.signal,
    onProgress: (p) => bar.update(`[${p.stageIndex + 1}/${p.stageCount}] ${p.stage}`, p.done, p.total, p.secondsLeft),
    onMethodResult: (m) => {
      bar.done();
      console.log(`  ${m.label}: ${m.status}${m.error ? ` — ${m.error}` : ''} (${m.cost.seconds.toFixed(1)}s)`);
    },
  });
  bar.done();
  const out = a.out ?? 'results.json';
  writeFileSync(out, JSON.stringify(results));
  if (a.csv) writeFileSync(a.csv, resultsToCsv(results));
  printResultsTable(results);
  const status = { complete: 'complete', cancelled: 'CANCELLED (partial results kept)', crashed: 'STOPPED: a compute worker crashed (partial results kept)' }[results.status];
  console.log(`${status} in ${formatSeconds((performance.now() - started) / 1000)}; wrote ${out}${a.csv ? ` and ${a.csv}` : ''}`);
  for (const w of results.warnings) console.log(`warning: ${w}`);
  compute.dispose();
}

main().catch((e) => {
  console.error(`error: ${(e as Error)?.message ?? String(e)}`);
  process.exit(1);
});
