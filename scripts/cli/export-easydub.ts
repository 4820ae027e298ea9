/** `npm run lab -- export --results R.json --easydub DIR`: a run's margins in EasyDUB's layout. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { easydubFiles } from '../../workers/engine/experiment/easydub-export';
import type { ExperimentResults } from '../../workers/engine/experiment/results';

export function exportEasydub(a: { results?: string; easydub?: string }): void {
  if (!a.results || !a.easydub) throw new Error('export needs --results results.json --easydub DIR (see --help)');
  const results = JSON.parse(readFileSync(a.results, 'utf8')) as ExperimentResults;
  const files = easydubFiles(results);
  for (const f of files) {
    const full = join(a.easydub, f.path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, f.bytes);
  }
  const kinds = [...new Set(files.map((f) => f.path.match(/^margins\/cifar10\/([^/]+)\//)?.[1]).filter((k) => k && k !== 'oracle'))];
  console.log(`wrote ${files.length} files to ${a.easydub}: ${kinds.join(', ')} against the oracles; score one with npm run lab -- evaluate --easydub ${a.easydub} --unlearned KIND`);
}
