import { deflateSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseExperiment } from '../../workers/engine/experiment/schema';
import { Rng } from '../../workers/engine/util/rng';
import { DEFAULT_EXPERIMENT } from './experiment-store';
import { withFullParams } from '../../workers/engine/experiment/spelled-out-params';
import { decodeShared, deltaVarints, encodeShared, MAX_LINK_CHARS, packIndices, readDeltaVarints, restore, SHARE_FORMAT, toBase64Url, unpackIndices, type SharedState } from './share-link';
import subpopulation from '../../public/presets/subpopulation.json';
import backdoor from '../../public/presets/backdoor.json';

/** The default experiment as a link made today spells it out: every method's hyperparameters. */
const DEFAULT_FULL = { ...DEFAULT_EXPERIMENT, methods: withFullParams(DEFAULT_EXPERIMENT.methods) };

const state = (over: Partial<SharedState> = {}): SharedState => ({ experiment: DEFAULT_EXPERIMENT, hidden: [], lesson: null, ...over });

/** A link body written by hand (what a tamperer or an older page could produce). */
function handMade(body: unknown, format = SHARE_FORMAT): string {
  const json = strToU8(JSON.stringify(body));
  const frame = new Uint8Array(json.length + 2);
  frame[0] = (json.length & 0x7f) | 0x80;
  frame[1] = json.length >> 7;
  frame.set(json, 2);
  return `${format}.${toBase64Url(deflateSync(frame))}`;
}

describe('share link', () => {
  it('keeps a link made before EK-FAC on the K-FAC group Newton it ran, and gives new ones today’s', () => {
    const old = decodeShared(handMade({ e: { ...DEFAULT_EXPERIMENT, attribution: { ...DEFAULT_EXPERIMENT.attribution, groupNewton: { damping: 1, layers: 'all' } } } }));
    expect(old.state.experiment.attribution.groupNewton).toEqual({ damping: 1, layers: 'all', eigenvalues: 'kfac', stepScale: 1 });
    const { groupNewton: _, ...withoutGroupNewton } = DEFAULT_EXPERIMENT.attribution;
    const fresh = decodeShared(handMade({ e: { ...DEFAULT_EXPERIMENT, attribution: withoutGroupNewton } }));
    expect(fresh.state.experiment.attribution.groupNewton).toEqual({ damping: 0.5, layers: 'all', eigenvalues: 'ekfac', stepScale: 'calibrated' });
    expect(DEFAULT_EXPERIMENT.attribution.groupNewton.eigenvalues).toBe('ekfac');
  });

  it('keeps a link made before links carried every hyperparameter on the DMM recipe it ran', () => {
    const methods = [{ id: 'dmm', params: { estimator: 'group-newton' } }, { id: 'om', params: {} }];
    const old = decodeShared(handMade({ e: { ...DEFAULT_EXPERIMENT, methods } }));
    expect(old.state.experiment.methods[0].params).toEqual({ estimator: 'group-newton', forgetMultiplier: 3, retainMultiplier: 3, budget: 1 });
    expect(old.state.experiment.methods[1].params).toEqual({});
    // a link made now spells out today's recipe, so a later change of defaults leaves it alone
    const now = decodeShared(encodeShared(state({ experiment: parseExperiment({ ...DEFAULT_EXPERIMENT, methods }) })));
    expect(now.state.experiment.methods[0].params).toMatchObject({ forgetMultiplier: 6, retainMultiplier: 1, epochs: 4, start: 'prediction', budget: 0.05 });
    expect(now.state.experiment.methods[1].params).toMatchObject({ forgetMultiplier: 3, retainMultiplier: 10, epochs: 10 });
    // an old link kept only what the user changed: one changed value keeps the other old one
    const edited = decodeShared(handMade({ e: { ...DEFAULT_EXPERIMENT, methods: [{ id: 'dmm', params: { forgetMultiplier: 5 } }] } }));
    expect(edited.state.experiment.methods[0].params).toEqual({ forgetMultiplier: 5, retainMultiplier: 3, budget: 1 });
    // a spelled-out link from before DMM's budget ran its fine-tune uncut
    const spelled = { ...withFullParams([{ id: 'dmm', params: {} }])[0] };
    const { budget: _b, ...beforeBudget } = spelled.params;
    const kept = decodeShared(handMade({ e: { ...DEFAULT_EXPERIMENT, methods: [{ id: 'dmm', params: beforeBudget }] } }));
    expect(kept.state.experiment.methods[0].params).toEqual({ ...beforeBudget, budget: 1 });
    // params that are not an object are not "repaired" into the old recipe: the method is dropped, with a message
    const broken = decodeShared(handMade({ e: { ...DEFAULT_EXPERIMENT, methods: [{ id: 'dmm', params: [1, 2] }, { id: 'om', params: {} }] } }));
    expect(broken.state.experiment.methods.map((m) => m.id)).toEqual(['om']);
    expect(broken.problems.join(' ')).toMatch(/dmm|Datamodel|method/i);
  });

  it('round-trips the experiment (every hyperparameter spelled out), hidden controls and lesson step exactly', () => {
    for (const preset of [subpopulation, backdoor]) {
      const s = state({ experiment: parseExperiment(preset), hidden: ['backend', 'advanced'], lesson: { id: 'classic', step: 2 } });
      const out = decodeShared(encodeShared(s));
      expect(out.problems).toEqual([]);
      expect(out.state).toEqual({ ...s, experiment: { ...s.experiment, methods: withFullParams(s.experiment.methods) } });
    }
  });

  it('keeps preset links short', () => {
    const link = encodeShared(state({ experiment: parseExperiment(subpopulation) }));
    // ~880 characters: the experiment with every method's hyperparameters spelled out (so a
    // later change of defaults cannot change what the link runs), well inside any URL limit
    expect(link.length).toBeLessThan(1000);
  });

  it('fits 2,500 hand-picked indices of a 5,000-image pool in a reasonable URL', () => {
    const rng = new Rng(7);
    const indices = Array.from(rng.sample(5000, 2500)).sort((a, b) => a - b);
    const experiment = parseExperiment({ ...DEFAULT_EXPERIMENT, forget: { kind: 'indices', indices } });
    const link = encodeShared(state({ experiment }));
    console.log(`share link: 2,500 random indices → ${link.length} characters; preset → ${encodeShared(state()).length}`);
    // The bitmap alone is 5,000 bits = 834 base64url characters; the rest is the experiment,
    // which grows with its method list (11 methods, every hyperparameter spelled out).
    expect(link.length).toBeLessThan(1900);
    const back = decodeShared(link);
    expect(back.problems).toEqual([]);
    expect(back.state.experiment.forget).toEqual({ kind: 'indices', indices });
  });

  it('the largest link the lab can make fits its own limit; a longer x= is refused with a message', () => {
    const indices = Array.from(new Rng(3).sample(20000, 2500)).sort((a, b) => a - b);
    const experiment = parseExperiment({ ...DEFAULT_EXPERIMENT, dataset: { ...DEFAULT_EXPERIMENT.dataset, trainSize: 20000 }, forget: { kind: 'indices', indices } });
    const link = encodeShared(state({ experiment }));
    expect(link.length).toBeLessThan(MAX_LINK_CHARS);
    const long = decodeShared(`1.${'A'.repeat(MAX_LINK_CHARS)}`);
    expect(long.broken).toBe(true);
    expect(long.problems[0]).toMatch(/12,002 characters long, more than any lab link \(at most 12,000\)/);
  });

  it('delta varints round-trip large and unsorted indices', () => {
    expect(readDeltaVarints(deltaVarints([300000, 5, 5, 127, 128, 0]))).toEqual([0, 5, 127, 128, 300000]);
  });

  it('packs sparse sets as gaps and dense sets as a bitmap', () => {
    const sparse = [3, 4000];
    expect(packIndices(sparse)[0]).toBe(0);
    expect(unpackIndices(packIndices(sparse))).toEqual(sparse);
    const dense = Array.from({ length: 900 }, (_, i) => i * 2 + 1);
    expect(packIndices(dense)[0]).toBe(1);
    expect(unpackIndices(packIndices(dense))).toEqual(dense);
  });

  it('turns tampered base64 into defaults and a message, never a throw', () => {
    const good = encodeShared(state({ experiment: parseExperiment(subpopulation) }));
    for (const bad of ['garbage', '1.garbage!!', '1.', `${good.slice(0, -12)}`, `1.${good.slice(2).split('').reverse().join('')}`, '', '0.abc']) {
      const out = decodeShared(bad);
      expect(out.broken).toBe(true);
      expect(out.state.experiment).toEqual(DEFAULT_EXPERIMENT);
      expect(out.problems[0]).toMatch(/not a valid lab link/);
    }
  });

  it('says so for a link from a newer version', () => {
    const out = decodeShared(`${SHARE_FORMAT + 1}.${encodeShared(state()).split('.')[1]}`);
    expect(out.broken).toBe(true);
    expect(out.problems[0]).toMatch(/newer version/);
  });

  it('rejects an experiment of an unknown version', () => {
    const out = decodeShared(handMade({ e: { ...DEFAULT_EXPERIMENT, version: 9 } }));
    expect(out.state.experiment).toEqual(DEFAULT_EXPERIMENT);
    expect(out.problems.join(' ')).toMatch(/version 9/);
  });

  it('clamps out-of-range numbers to the schema bounds and reports them', () => {
    const e = { ...DEFAULT_EXPERIMENT, ensemble: { models: 5000 }, forget: { kind: 'random', count: -3 }, seed: -1 };
    const out = decodeShared(handMade({ e }));
    expect(out.state.experiment.ensemble.models).toBe(128);
    expect(out.state.experiment.forget).toEqual({ kind: 'random', count: 1 });
    expect(out.state.experiment.seed).toBe(0);
    expect(out.problems.length).toBe(3);
  });

  it('fills defaults for missing optional fields and drops unknown hidden controls', () => {
    const { evaluation: _e, attribution: _a, name: _n, ...rest } = DEFAULT_FULL;
    const out = decodeShared(handMade({ e: rest, h: ['model', 'nonsense', 'model'], l: { id: 'classic', step: -4 } }));
    expect(out.state.experiment).toEqual(DEFAULT_FULL.name === 'Untitled experiment' ? DEFAULT_FULL : { ...DEFAULT_FULL, name: 'Untitled experiment' });
    expect(out.state.hidden).toEqual(['model']);
    expect(out.state.lesson).toBeNull();
    expect(out.problems.length).toBe(2);
  });

  it('rejects a forget set larger than the bound', () => {
    const indices = Array.from({ length: 3000 }, (_, i) => i);
    const body = { e: { ...DEFAULT_FULL, forget: { kind: 'indices' } } };
    const json = strToU8(JSON.stringify(body));
    const tail = packIndices(indices);
    const frame = new Uint8Array(2 + json.length + tail.length);
    frame[0] = (json.length & 0x7f) | 0x80;
    frame[1] = json.length >> 7;
    frame.set(json, 2);
    frame.set(tail, 2 + json.length);
    const out = decodeShared(`1.${toBase64Url(deflateSync(frame))}`);
    // only the forget section is repaired (to the default's); the rest of the link is kept
    expect(out.state.experiment).toEqual(DEFAULT_FULL);
    expect(out.problems.join(' ')).toMatch(/forget settings were invalid \(Too big/);
  });
});

describe('link repair, section by section', () => {
  const indices = Array.from(new Rng(3).sample(5000, 2500)).sort((a, b) => a - b);
  const experiment = parseExperiment({ ...DEFAULT_EXPERIMENT, forget: { kind: 'indices', indices } });
  const frame = (e: Record<string, unknown>) => ({ body: { e: { ...e, forget: { kind: 'indices', indices: [] } } }, indices });

  it('drops a damaged method and keeps the 2,500 hand-picked indices and every other setting', () => {
    const methods = [...experiment.methods, { id: 'gradient-magic', params: {} }];
    const r = restore(frame({ ...experiment, methods }));
    expect(r.state.experiment.forget).toEqual({ kind: 'indices', indices });
    expect(r.state.experiment.methods.map((m) => m.id)).toEqual(experiment.methods.map((m) => m.id));
    expect(r.state.experiment.model).toEqual(experiment.model);
    expect(r.problems.join(' ')).toMatch(/Dropped the method “gradient-magic”/);
  });

  it('resets only the damaged section (the model) and says so', () => {
    const r = restore(frame({ ...experiment, model: { kind: 'transformer' } }));
    expect(r.state.experiment.model).toEqual(DEFAULT_EXPERIMENT.model);
    expect(r.state.experiment.forget).toEqual({ kind: 'indices', indices });
    expect(r.problems.join(' ')).toMatch(/link's model settings were invalid/);
  });
});
