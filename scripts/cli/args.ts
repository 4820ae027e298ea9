/** Minimal `--flag value` / `--flag` parser (node:util parseArgs with the project's flags). */
import { parseArgs } from 'node:util';

export function parseCli(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      dataset: { type: 'string', default: 'synthetic' },
      model: { type: 'string', default: 'mlp' },
      hidden: { type: 'string' },
      backend: { type: 'string', default: 'auto' },
      threads: { type: 'string' },
      epochs: { type: 'string' },
      'batch-size': { type: 'string' },
      lr: { type: 'string' },
      seed: { type: 'string', default: '0' },
      config: { type: 'string' },
      out: { type: 'string' },
      csv: { type: 'string' },
      datamodels: { type: 'string' },
      unlearned: { type: 'string' },
      oracles: { type: 'string' },
      oracles2: { type: 'string' },
      points: { type: 'string' },
      easydub: { type: 'string' },
      results: { type: 'string' },
      'forget-set': { type: 'string' },
      models: { type: 'string' },
      'no-cache': { type: 'boolean', default: false },
      'cache-dir': { type: 'string', default: '.cache' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}

export type Command = 'train' | 'run' | 'evaluate' | 'export';

/**
 * The subcommand: the first positional, or `run` when only `--config` is given (the short
 * form `npm run lab -- --config exp.json` runs that experiment). Undefined means "show usage".
 */
export function commandOf(positionals: readonly string[], values: { config?: string }): Command | undefined {
  const first = positionals[0];
  if (first === 'train' || first === 'run' || first === 'evaluate' || first === 'export') return first;
  if (first === undefined && values.config !== undefined) return 'run';
  return undefined;
}

export const USAGE = `Unlearning Lab — command-line twin of the page

  npm run lab -- train --dataset synthetic|cifar10:PATH --model linear|mlp|cnn-s [--backend wasm|cpu|webgpu] [--epochs N] [--lr X] [--batch-size B] [--seed S]
  npm run lab -- [run] --config FILE.json [--out results.json] [--csv summary.csv] [--dataset synthetic|cifar10:PATH] [--backend ...] [--no-cache]
                    [--datamodels beta.npy[,intercepts.npy]]   (for methods with estimator "imported")
  npm run lab -- evaluate --unlearned U.npy --oracles O.npy [--oracles2 O2.npy] --points points.json [--out evaluation.json]
                    scores margins computed elsewhere ([models × points] float32/float16 .npy) with the lab's metrics;
                    points.json: {"forget": [cols], "retain": [cols], "validation": [cols], "labels"?: {"forget": [...], "validation": [...]}}
  npm run lab -- evaluate --easydub DIR [--forget-set K] [--models N] [--unlearned KIND] [--out evaluation.json]
                    the same on an EasyDUB folder (margins/cifar10/{pretrain,oracle}/…, forget_sets/cifar10/forget_set_K.npy);
                    KIND is the margins folder scored against the oracles (default pretrain: Do nothing)
  npm run lab -- export --results results.json --easydub DIR
                    writes a run's margins in EasyDUB's layout (one folder per method beside pretrain and oracle)

  --dataset   synthetic (the embedded generator) or cifar10:PATH (official binary files or cifar-10-binary.tar.gz)
  --backend   auto (wasm in Node), wasm, cpu, webgpu (needs a WebGPU-capable Node; falls back and says why)
  --threads   worker threads that train the models (default: one per core); results are the same bits for any number
`;
