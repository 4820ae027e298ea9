import type { KernelExports } from './kernels';
import type { NativeLayout } from './layout';
import type { Region } from './workspace';
import { denseNetwork } from './dense-network';
import { cnnNetwork } from './cnn-network';

/** Where a forward pass left the logits: model m, row r, class c at ptr + 4·(m·model + r·row + c). */
export interface LogitView {
  ptr: number;
  model: number;
  row: number;
}

/**
 * The workspace regions every pass has: the parameters, the batch rows `x` [rows × inputDim],
 * and, when training, the parameters' gradient and the logits' gradient dz [models][rows][C];
 * plus the network's own scratch, named by `scratch`.
 */
export type PassRegions = Record<string, Region> & { params: Region; x: Region; grad?: Region; dz?: Region };

/**
 * One architecture on the native kernels: the forward pass of every model of a shard over a
 * batch, and (after the loss terms have filled dz) the backward pass into grad. Both
 * trainNative and NativeEnsemble.predict drive a network, so the loss terms, Adam and the
 * checks are written once for every model kind.
 */
export interface NativeNetwork {
  /**
   * Models one pass computes: the dense layer's are all the shard's at once (their columns
   * share one matmul); the CNN's one, so a thread holds one model's activations, not N's.
   */
  readonly modelsPerPass: number;
  /** Floats of scratch a pass over up to `rows` rows needs; `training` adds the backward pass's. */
  scratch(rows: number, training: boolean): Record<string, number>;
  /** Logits of models [first, first + count) (a view indexed by the shard's model number). */
  forward(k: KernelExports, r: PassRegions, rows: number, first: number, count: number): LogitView;
  /** Those models' parameter gradients (overwritten) from dz, after their forward over the same rows. */
  backward(k: KernelExports, r: PassRegions, rows: number, first: number, count: number): void;
}

export function networkOf(l: NativeLayout): NativeNetwork {
  return l.kind === 'cnn-s' ? cnnNetwork(l) : denseNetwork(l);
}
