import { readFileSync } from 'node:fs';
import { launch } from '../../e2e/support/browser';
import { noCache } from '../../workers/engine/cache/blob-store';
import { nodeWorkerPool } from '../../workers/engine/compute/spawn.node.ts';
import type { Dataset } from '../../workers/engine/data/types';
import { attributionProvider } from '../../workers/engine/experiment/attribution-provider';
import { runExperiment } from '../../workers/engine/experiment/run-experiment';
import type { ExperimentResults } from '../../workers/engine/experiment/results';
import { parseExperiment } from '../../workers/engine/experiment/schema';
import { printResultsTable } from '../cli/print-results';
import { withServedBuild } from './served-build';

const PRESET = 'public/presets/random-forget.json';

function presetWith(models: number) {
  return parseExperiment({ ...JSON.parse(readFileSync(PRESET, 'utf8')), ensemble: { models } });
}

/** The default preset in Node (the CLI's worker pool), no cache: seconds and results. */
export async function nodePreset(dataset: Dataset, models: number): Promise<{ seconds: number; results: ExperimentResults }> {
  const compute = nodeWorkerPool();
  const started = performance.now();
  try {
    const results = await runExperiment(presetWith(models), { dataset, store: noCache, compute, attribution: attributionProvider });
    return { seconds: (performance.now() - started) / 1000, results };
  } finally {
    compute.dispose();
  }
}

/**
 * The same preset in the production page (headless Chromium, fresh profile so nothing is
 * cached, the automatic backend), on the prepared CIFAR-10 subset when there is one: seconds
 * from the Run click to the results.
 */
export interface PagePresetRun { models: number; seconds: number; dataset: string; engine: string; timings: Record<string, number> }

export function pagePreset(modelsList: number[]): Promise<PagePresetRun[]> {
  return withServedBuild(async (base) => {
    const out: PagePresetRun[] = [];
    for (const models of modelsList) {
      const session = await launch({ viewport: { width: 1280, height: 720 } });
      try {
        const page = session.page;
        await page.goto(`${base}/`);
        await page.waitForFunction(() => (window as never as { __lab?: { backendReport(): { active?: string } | null } }).__lab?.backendReport()?.active, null, { timeout: 120_000 });
        const select = page.getByLabel('Dataset', { exact: true });
        const prepared = await select.locator('option[value^="prepared:"]').first().getAttribute('value').catch(() => null);
        if (prepared) {
          await select.selectOption(prepared);
          await page.waitForFunction(
            () => {
              const s = (window as never as { __lab: { snapshot(): { datasetStatus?: string; dataset?: { name: string } | null } } }).__lab.snapshot();
              return s.datasetStatus === 'ready' && /CIFAR/.test(s.dataset?.name ?? '');
            },
            null,
            { timeout: 120_000 },
          );
        }
        const { name: _n, version: _v, dataset: _d, ...rest } = presetWith(models);
        const problem = await page.evaluate((c) => (window as never as { __lab: { updateExperiment(c: unknown): string | null } }).__lab.updateExperiment(c), rest);
        if (problem) throw new Error(problem);
        const started = Date.now();
        await page.getByTestId('run-experiment').click();
        await page.waitForFunction(() => (window as never as { __lab: { experimentStatus(): { status: string } } }).__lab.experimentStatus().status !== 'running', null, { timeout: 900_000, polling: 500 });
        const seconds = (Date.now() - started) / 1000;
        // Only the fields the table needs: the whole results (every model's margins) take ~9 s through the DevTools protocol.
        const r = await page.evaluate(() => {
          const x = (window as never as { __lab: { lastExperimentResults(): ExperimentResults | null } }).__lab.lastExperimentResults();
          return x && { status: x.status, dataset: x.dataset.name, engine: x.engine, threads: x.threads, timings: x.timings };
        });
        if (!r || r.status !== 'complete') throw new Error(`the page run did not complete (${r?.status ?? 'no results'})`);
        out.push({ models, seconds, dataset: r.dataset, engine: `${r.engine} × ${r.threads}`, timings: r.timings });
      } finally {
        await session.close();
      }
    }
    return out;
  });
}

/** Prints the preset section: Node at each N (table of the first), then the page and the ratio. */
export async function presetBench(dataset: Dataset, quick: boolean): Promise<void> {
  const sizes = quick ? [32] : [32, 64];
  const node: Record<number, number> = {};
  let nodeTimings: Record<string, number> = {};
  for (const models of sizes) {
    const { seconds, results } = await nodePreset(dataset, models);
    node[models] = seconds;
    if (models === sizes[0]) nodeTimings = results.timings;
    console.log(`## Default preset "${results.experiment.name}", N = ${models}, ${dataset.name}, Node, worker pool (${results.threads} threads), no cache: ${seconds.toFixed(1)} s\n`);
    if (models === sizes[0]) printResultsTable(results);
    console.log('');
  }
  try {
    const page = await pagePreset(sizes);
    console.log('| N | Node | page (Chromium) | page / Node |');
    console.log('|---|---|---|---|');
    for (const p of page) console.log(`| ${p.models} | ${node[p.models].toFixed(1)} s | ${p.seconds.toFixed(1)} s (${p.dataset}, ${p.engine}) | ${(p.seconds / node[p.models]).toFixed(2)}× |`);
    if (page[0]) printStageComparison(sizes[0], nodeTimings, page[0].timings, node[sizes[0]], page[0].seconds);
    console.log('\nTargets: ≤ 90 s at N = 32, ≤ 3 min at N = 64, in Node and in the page; the page within 1.2× of Node.\n');
  } catch (e) {
    console.log(`page preset skipped: ${(e as Error).message}\n`);
  }
}

/** Where the page's extra time goes: each stage's seconds in Node and in the page, and what no stage accounts for. */
function printStageComparison(models: number, node: Record<string, number>, page: Record<string, number>, nodeTotal: number, pageTotal: number): void {
  console.log(`\nStages at N = ${models} (seconds; "outside stages" is evaluation, the metrics and the page's own work):\n`);
  console.log('| stage | Node | page | page − Node |');
  console.log('|---|---|---|---|');
  const sum = (t: Record<string, number>) => Object.values(t).reduce((a, b) => a + b, 0);
  for (const stage of new Set([...Object.keys(node), ...Object.keys(page)])) {
    const a = node[stage] ?? 0;
    const b = page[stage] ?? 0;
    console.log(`| ${stage} | ${a.toFixed(2)} | ${b.toFixed(2)} | ${(b - a).toFixed(2)} |`);
  }
  const outsideNode = nodeTotal - sum(node);
  const outsidePage = pageTotal - sum(page);
  console.log(`| outside stages | ${outsideNode.toFixed(2)} | ${outsidePage.toFixed(2)} | ${(outsidePage - outsideNode).toFixed(2)} |`);
}
