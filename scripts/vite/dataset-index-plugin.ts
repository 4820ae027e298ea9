/**
 * Serves `datasets/index.json` as an empty list when `npm run data:cifar10` has not
 * written one. public/datasets/ is git-ignored, so a fresh checkout has no index; the
 * page would still find out (a 404 means "none"), but Chromium logs every 404 as a
 * console error, and a clean console is what the browser tests check.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { INDEX_FORMAT } from '../../workers/engine/data/prepared-manifest';

const INDEX_PATH = 'datasets/index.json';
const EMPTY_INDEX = JSON.stringify({ format: INDEX_FORMAT, version: 1, datasets: [] });

export function datasetIndexPlugin(): Plugin {
  let publicDir = '';
  let indexUrl = `/${INDEX_PATH}`;
  const prepared = () => publicDir !== '' && existsSync(join(publicDir, INDEX_PATH));
  return {
    name: 'unlearning-lab:dataset-index',
    configResolved(config) {
      publicDir = config.publicDir;
      indexUrl = `${config.base}${INDEX_PATH}`;
    },
    // Dev server: answer before the static middleware would 404.
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url?.split('?')[0] !== indexUrl || prepared()) return next();
        res.setHeader('content-type', 'application/json');
        res.end(EMPTY_INDEX);
      });
    },
    // Build (and so `vite preview`): ship the empty index beside the public files.
    generateBundle() {
      if (!prepared()) this.emitFile({ type: 'asset', fileName: INDEX_PATH, source: EMPTY_INDEX });
    },
  };
}
