import type { Dataset } from '../../workers/engine/data/types';
import { localCompute } from '../../workers/engine/compute/local';
import { nodeWorkerPool } from '../../workers/engine/compute/spawn.node.ts';
import { trainingThroughput } from '../../workers/engine/train/throughput';
import { peerAvailable, peerEnsemble, peerModels } from './peer';

const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
const k = (v: number) => `${Math.round(v).toLocaleString('en-US')}`;

/**
 * Training throughput of the engine against the PyTorch peer, measured one right after the
 * other on the same cores: the MLP ensemble 512 → 128 → 10 (the lab's main workload) at
 * N = 8 and N = 64, one model, and cnn-s. The engine runs as the CLI does: a worker pool
 * over every core, on the native kernels (dense for the MLP, direct 3×3 convolutions for the CNN).
 */
export async function trainingVsPeer(dataset: Dataset, quick: boolean): Promise<void> {
  const pool = nodeWorkerPool();
  const examples = quick ? 2560 : 5120;
  const ours = {
    n8: 8 * (await trainingThroughput(pool, dataset, 'mlp', 8, examples)),
    n64: 64 * (await trainingThroughput(pool, dataset, 'mlp', 64, quick ? 1280 : 2560)),
    one: await trainingThroughput(localCompute(), dataset, 'mlp', 1, examples),
    cnnOne: await trainingThroughput(localCompute(), dataset, 'cnn-s', 1, quick ? 256 : 512),
    cnnPool: 2 * (await trainingThroughput(pool, dataset, 'cnn-s', 2, quick ? 256 : 512)),
  };
  pool.dispose();
  console.log('## Training throughput: this engine vs PyTorch (measured one after the other)\n');
  if (!peerAvailable()) {
    console.log('PyTorch peer not installed (apt-get install -y python3-torch libopenblas0-pthread): engine figures only.\n');
    console.log(`- MLP N=8 fused: ${k(ours.n8)} model-images/s; N=64: ${k(ours.n64)}; one model: ${k(ours.one)} images/s; cnn-s: ${k(ours.cnnOne)} (one model), ${k(ours.cnnPool)} model-images/s (2 models on the pool)\n`);
    return;
  }
  const p8 = peerEnsemble(8, 128);
  const p64 = peerEnsemble(64, 128);
  const p8one = peerEnsemble(8, 128, 1);
  const cnn = peerModels()['cnn-s'];
  console.log('| workload (batch 128) | this engine (Node, worker pool) | PyTorch (threads) | ratio |');
  console.log('|---|---|---|---|');
  console.log(`| MLP 512-128-10, N = 8 fused | ${k(ours.n8)} model-images/s | ${k(p8.fused)} (${p8.threads}); ${k(p8one.fused)} (1 thread, its best) | ${ratio(ours.n8, p8.fused)}; ${ratio(ours.n8, p8one.fused)} |`);
  console.log(`| MLP, N = 64 fused | ${k(ours.n64)} | ${k(p64.fused)} (${p64.threads}) | ${ratio(ours.n64, p64.fused)} |`);
  console.log(`| MLP, one model | ${k(ours.one)} images/s (one thread) | ${k(p8.oneModel)} (${p8.threads}); ${k(p8one.oneModel)} (1) | ${ratio(ours.one, p8.oneModel)}; ${ratio(ours.one, p8one.oneModel)} |`);
  console.log(`| cnn-s, one model | ${k(ours.cnnOne)} images/s (one thread, native conv kernels) | ${k(cnn)} (all cores) | ${ratio(ours.cnnOne, cnn)} |`);
  console.log(`| cnn-s, 2 models on the pool | ${k(ours.cnnPool)} model-images/s | ${k(cnn)} (one model, all cores) | ${ratio(ours.cnnPool, cnn)} |`);
  console.log('\nTargets: MLP ensembles ≥ 1.0× (aim 1.5×), cnn-s ≥ 0.5×.\n');
}
