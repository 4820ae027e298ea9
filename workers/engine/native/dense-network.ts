import type { DenseLayout } from './layout';
import type { NativeNetwork, PassRegions } from './network';

/**
 * The linear and mlp models: one dense layer for all the shard's models at once (their
 * columns side by side), then, for the MLP, each model's output layer (./assembly/head.ts).
 * The linear model's logits are the dense layer's own output.
 */
export function denseNetwork(l: DenseLayout): NativeNetwork {
  const { models, classes: c, inputDim: d } = l;
  const ldo = l.panels * 8;
  const mlp = l.kind === 'mlp';
  const at = (region: { ptr: number }, offset: number) => region.ptr + 4 * offset;
  const wholeShard = (first: number, count: number) => {
    if (first !== 0 || count !== models) throw new Error('native dense network: one pass computes every model of the shard');
  };
  return {
    modelsPerPass: models,
    scratch: (rows, training) => ({
      h: rows * ldo,
      z: mlp ? models * rows * c : 0,
      ...(training ? { xT: rows * d, dyp: l.panels * rows * 8 } : {}),
    }),
    forward(k, r, rows, first, count) {
      wholeShard(first, count);
      k.denseForward(r.x.ptr, rows, d, at(r.params, l.w1), l.panels, at(r.params, l.b1), r.h.ptr, ldo, mlp);
      if (!mlp) return { ptr: r.h.ptr, model: l.wp, row: ldo };
      k.headForward(r.h.ptr, rows, ldo, models, l.wp, at(r.params, l.w2), at(r.params, l.b2), c, r.z.ptr);
      return { ptr: r.z.ptr, model: rows * c, row: c };
    },
    backward(k, r: PassRegions, rows, first, count) {
      wholeShard(first, count);
      const grad = r.grad!;
      const dz = r.dz!;
      if (mlp) k.headBackward(r.h.ptr, rows, ldo, models, l.wp, at(r.params, l.w2), dz.ptr, c, at(grad, l.w2), at(grad, l.b2), r.dyp.ptr);
      else k.packLogitGradient(dz.ptr, models, rows, c, l.wp, r.dyp.ptr);
      k.transpose(r.x.ptr, rows, d, r.xT.ptr);
      k.denseWeightGradient(r.xT.ptr, d, rows, r.dyp.ptr, l.panels, at(grad, l.w1));
      k.panelColumnSums(r.dyp.ptr, rows, l.panels, at(grad, l.b1));
    },
  };
}
