/**
 * The worker side of the forget-set picker, as the methods lab.worker.ts spreads into its
 * API. Each job lives in ./forget/: resolve.ts (rule → indices), pool-map.ts (2-D map),
 * preview.ts (the instant preview), datamodels-holder.ts (which datamodels the preview
 * reads, saved across reloads) and make-datamodels.ts (compute or import them).
 */
import * as Comlink from 'comlink';
import type { Compute } from '../engine/compute/types';
import type { Dataset } from '../engine/data/types';
import { forgetRuleSchema } from '../engine/experiment/schema';
import { settle } from './errors';
import { adoptHeldDatamodels, datamodelsInfo, releaseHeldDatamodels } from './forget/datamodels-holder';
import { heldBuffers } from './forget/held-datamodels';
import { computeDatamodels, importNpyDatamodels } from './forget/make-datamodels';
import { poolMap } from './forget/pool-map';
import { previewForget, type ForgetPreview } from './forget/preview';
import { needsFeatures, resolveForget } from './forget/resolve';
import type { LabWorkerApi } from './lab-api';

export type { DatamodelsInfo, HeldDatamodels } from './forget/datamodels-holder';
export type { DatamodelsRequest, ImportSummary } from './forget/make-datamodels';
export type { PoolMap } from './forget/pool-map';
export type { ForgetPreview } from './forget/preview';
export type { ResolvedForget } from './forget/resolve';
export { rememberDatamodels } from './forget/datamodels-holder';

type ForgetMethods = Pick<
  LabWorkerApi,
  'resolveForget' | 'poolMap' | 'datamodelsInfo' | 'previewForget' | 'computeDatamodels' | 'importDatamodels' | 'releaseDatamodels' | 'adoptDatamodels'
>;

const previewBuffers = (p: ForgetPreview | null) => (p ? [p.margins.before.buffer as ArrayBuffer, p.margins.after.buffer as ArrayBuffer] : []);

const noDataset = { ok: false as const, error: { kind: 'no-dataset' as const, message: 'Load a dataset first.' } };


/** The methods lab.worker.ts spreads into its API; `ensureBackend` initialises tfjs when features are needed. */
export function forgetApi(getDataset: () => Dataset | null, ensureBackend: () => Promise<Compute>): ForgetMethods {
  return {
    async resolveForget(rule, seed) {
      const d = getDataset();
      if (!d) return noDataset;
      const out = await settle(async () => {
        // a bad rule (empty set, index outside the pool) is an ExperimentError: a UserError
        const parsed = forgetRuleSchema.parse(rule);
        if (needsFeatures(parsed)) await ensureBackend();
        const resolved = await resolveForget(d, parsed, seed);
        // One round trip per rule: the preview of the resolved set comes with it.
        return { ...resolved, preview: await previewForget(d, resolved.indices) };
      }, 'bad-request');
      return out.ok ? Comlink.transfer(out, [out.value.indices.buffer as ArrayBuffer, ...previewBuffers(out.value.preview)]) : out;
    },
    async poolMap() {
      const d = getDataset();
      if (!d) return noDataset;
      const out = await settle(async () => {
        await ensureBackend();
        return poolMap(d);
      });
      return out.ok ? Comlink.transfer(out, [out.value.xy.buffer]) : out;
    },
    async datamodelsInfo() {
      return settle(() => datamodelsInfo(getDataset()));
    },
    async previewForget(indices) {
      const d = getDataset();
      if (!d) return noDataset;
      const out = await settle(() => previewForget(d, indices), 'bad-request');
      return out.ok ? Comlink.transfer(out, previewBuffers(out.value)) : out;
    },
    async releaseDatamodels() {
      const out = await settle(() => releaseHeldDatamodels());
      return out.ok && out.value ? Comlink.transfer(out, heldBuffers(out.value)) : out;
    },
    async adoptDatamodels(held) {
      return settle(async () => {
        adoptHeldDatamodels(held);
        return datamodelsInfo(getDataset());
      });
    },
    async computeDatamodels(request, onProgress) {
      const d = getDataset();
      if (!d) return noDataset;
      try {
        return await settle(async () => {
          return computeDatamodels(await ensureBackend(), d, request, onProgress);
        });
      } finally {
        (onProgress as Partial<Comlink.Remote<unknown>>)[Comlink.releaseProxy]?.();
      }
    },
    async importDatamodels(files) {
      const d = getDataset();
      if (!d) return noDataset;
      // An NpyError (wrong shape, dtype, order…) names the file: the user's to fix.
      return settle(() => importNpyDatamodels(d, files), 'bad-request');
    },
  };
}
