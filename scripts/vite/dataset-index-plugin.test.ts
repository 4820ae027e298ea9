import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetIndexSchema } from '../../workers/engine/data/prepared-manifest';
import { datasetIndexPlugin } from './dataset-index-plugin';

type Hook = (...args: unknown[]) => unknown;
type Middleware = (req: { url?: string }, res: FakeResponse, next: () => void) => void;

class FakeResponse {
  headers: Record<string, string> = {};
  body: string | undefined;
  setHeader(name: string, value: string) {
    this.headers[name.toLowerCase()] = value;
  }
  end(body: string) {
    this.body = body;
  }
}

/** The plugin after Vite resolved a config whose public folder is `publicDir`. */
function pluginFor(publicDir: string, base = '/') {
  const plugin = datasetIndexPlugin();
  (plugin.configResolved as Hook)({ publicDir, base });
  let middleware: Middleware | undefined;
  (plugin.configureServer as Hook)({ middlewares: { use: (m: Middleware) => (middleware = m) } });
  const emitted: { fileName: string; source: string }[] = [];
  (plugin.generateBundle as Hook).call({ emitFile: (f: { fileName: string; source: string }) => emitted.push(f) });
  return { emitted, middleware: middleware! };
}

function serve(middleware: Middleware, url: string) {
  const res = new FakeResponse();
  let passed = false;
  middleware({ url }, res, () => (passed = true));
  return { res, passed };
}

describe('datasetIndexPlugin', () => {
  it('serves and ships a valid empty index when none is prepared', () => {
    const { emitted, middleware } = pluginFor(mkdtempSync(join(tmpdir(), 'lab-public-')), '/lab/');
    expect(emitted.map((f) => f.fileName)).toEqual(['datasets/index.json']);
    expect(datasetIndexSchema.parse(JSON.parse(emitted[0].source)).datasets).toEqual([]);

    const { res, passed } = serve(middleware, '/lab/datasets/index.json?t=1');
    expect(passed).toBe(false);
    expect(res.headers['content-type']).toBe('application/json');
    expect(datasetIndexSchema.parse(JSON.parse(res.body!)).datasets).toEqual([]);
    expect(serve(middleware, '/lab/presets/index.json').passed).toBe(true);
  });

  it('leaves a prepared index alone', () => {
    const publicDir = mkdtempSync(join(tmpdir(), 'lab-public-'));
    mkdirSync(join(publicDir, 'datasets'));
    writeFileSync(join(publicDir, 'datasets', 'index.json'), '{}');
    const { emitted, middleware } = pluginFor(publicDir);
    expect(emitted).toEqual([]);
    expect(serve(middleware, '/datasets/index.json').passed).toBe(true);
  });
});
