import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * The PyTorch peers in ../shared/tools/peer/ (the speed targets' denominators), run right
 * after our own measurement so both see the same machine. Debian's python3 with
 * python3-torch and libopenblas0-pthread (the peer's README); null when it is not installed.
 */
const PEER_DIR = '../shared/tools/peer';
const PYTHON = '/usr/bin/python3';

export function peerAvailable(): boolean {
  if (!existsSync(`${PEER_DIR}/torch_ensemble.py`) || !existsSync(PYTHON)) return false;
  return spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
}

function runJsonLines(args: string[]): Record<string, unknown>[] {
  const r = spawnSync(PYTHON, args, { encoding: 'utf8', timeout: 600_000 });
  if (r.status !== 0) throw new Error(`peer ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** torch_ensemble.py N H [--threads T]: one-model and fused model-images/s. */
export function peerEnsemble(models: number, hidden: number, threads?: number): { oneModel: number; fused: number; threads: number } {
  const [r] = runJsonLines([`${PEER_DIR}/torch_ensemble.py`, String(models), String(hidden), ...(threads ? ['--threads', String(threads)] : [])]);
  return { oneModel: Number(r.one_model_images_per_s), fused: Number(r.fused_model_images_per_s), threads: Number(r.threads) };
}

/** torch_models.py: images/s of cnn-s (and the 3072-256-10 MLP) on the CIFAR-10 subset. */
export function peerModels(): Record<string, number> {
  return Object.fromEntries(runJsonLines([`${PEER_DIR}/torch_models.py`]).map((r) => [String(r.model), Number(r.images_per_s)]));
}
