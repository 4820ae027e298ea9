import { readFileSync } from 'node:fs';
import { noCache } from '../../workers/engine/cache/blob-store';
import type { Dataset } from '../../workers/engine/data/types';
import { attributionProvider } from '../../workers/engine/experiment/attribution-provider';
import { runExperiment } from '../../workers/engine/experiment/run-experiment';
import { parseExperiment } from '../../workers/engine/experiment/schema';
import { printResultsTable } from '../cli/print-results';

/**
 * Issue "Data attribution and DMM" figures, all from one experiment on the sub-population
 * preset (the paper's hard, non-random forget set): each estimator's one-off cost and LDS,
 * DMM's unlearning time as a fraction of Retrain's, and the forget-set KLoM of DMM next to
 * the baselines and the oracle noise floor.
 */
export async function attributionBench(dataset: Dataset, quick: boolean): Promise<void> {
  const preset = parseExperiment(JSON.parse(readFileSync('public/presets/subpopulation.json', 'utf8')));
  const x = parseExperiment({
    ...preset,
    attribution: { ...preset.attribution, lds: true },
    methods: [
      { id: 'none', params: {} },
      { id: 'retrain', params: {} },
      { id: 'ft', params: {} },
      { id: 'ga', params: {} },
      { id: 'gd', params: {} },
      { id: 'om', params: {} },
      { id: 'dmm', params: { estimator: 'regression' } },
      { id: 'dmm', params: { estimator: 'trak-last-layer' } },
      ...(quick ? [] : [{ id: 'dmm' as const, params: { estimator: 'trak' } }]),
      { id: 'dm-direct', params: { estimator: 'trak-last-layer' } },
    ],
  });
  console.log(`## Attribution and DMM on "${x.name}" (${dataset.name}, N=${x.ensemble.models}, ${x.model.kind}, no cache)\n`);
  const r = await runExperiment(x, { dataset, store: noCache, attribution: attributionProvider });
  printResultsTable(r);
  console.log('\n| estimator | one-off cost | models trained | LDS |');
  console.log('|---|---|---|---|');
  for (const a of r.attribution) console.log(`| ${a.estimator} | ${a.seconds.toFixed(1)} s | ${a.modelsTrained} | ${a.lds?.toFixed(3) ?? '—'} |`);
  const retrain = r.methods.find((m) => m.id === 'retrain');
  console.log('');
  for (const m of r.methods.filter((m) => m.id === 'dmm'))
    console.log(`- ${m.label}: unlearning ${m.cost.seconds.toFixed(1)} s per ensemble of ${x.ensemble.models} = ${(100 * m.cost.relativeToRetrain).toFixed(1)}% of Retrain (${r.retrainSeconds.toFixed(1)} s)${retrain ? `; the Retrain method itself took ${retrain.cost.seconds.toFixed(1)} s` : ''}`);
  const floor = r.reference.noiseFloor?.forget.summary;
  if (floor) console.log(`- oracle noise floor, forget KLoM: p95 ${floor.p95.toFixed(3)}, mean ${floor.mean.toFixed(3)}`);
  console.log('');
}
