/**
 * What the forget-set picker does: keeps the shown set equal to what the worker resolves
 * `experiment.forget` to, turns clicks, ranges, rectangles and lassos into an `indices`
 * rule, and runs the throttled instant preview when datamodels exist.
 *
 * Everything here talks to the interactive lane (its own worker), so it never waits behind
 * a run; only computing datamodels uses the run lane, which then hands them over.
 */
import { MAX_FORGET, type ForgetRule } from '../../../workers/engine/experiment/schema';
import type { DatamodelsInfo, ForgetPreview } from '../../../workers/entry/lab-api';
import { interactiveClient, labClient } from '../../state/client-instance';
import { useExperimentStore } from '../../state/experiment-store';
import { useRunStore } from '../../state/run-store';
import { pushMessage, useLab } from '../../state/store';
import { focusChange, useForget } from './forget-store';

let resolveToken = 0;
let lastKey: { rule: ForgetRule; seed: number; hash: string } | null = null;

/** Starts following the experiment's forget rule and the loaded dataset (once, at start-up). */
export function startForgetSync(): () => void {
  const check = () => {
    const { experiment } = useExperimentStore.getState();
    const ds = useLab.getState().dataset;
    if (ds.status !== 'ready' || !ds.summary || !ds.labels) return;
    const key = { rule: experiment.forget, seed: experiment.seed, hash: ds.summary.hash };
    if (lastKey && lastKey.rule === key.rule && lastKey.seed === key.seed && lastKey.hash === key.hash) return;
    const datasetChanged = lastKey?.hash !== key.hash;
    lastKey = key;
    if (datasetChanged) {
      useForget.setState({ map: null, mapStatus: 'idle', focus: null, preview: null });
      void refreshDatamodels();
    }
    void resolve(key.rule, key.seed, ds.labels, ds.summary.classNames.length);
  };
  const a = useExperimentStore.subscribe(check);
  const b = useLab.subscribe(check);
  // A finished experiment run may have left datamodels in the worker (rememberDatamodels).
  const c = useRunStore.subscribe((s, prev) => {
    if (prev.status === 'running' && s.status !== 'running') void refreshDatamodels({ afterRun: true });
  });
  check();
  return () => {
    a();
    b();
    c();
  };
}

function maskOf(n: number, indices: Int32Array): Uint8Array {
  const m = new Uint8Array(n);
  for (const i of indices) m[i] = 1;
  return m;
}

function countsOf(labels: Uint8Array, indices: Int32Array, classes: number): number[] {
  const out = new Array<number>(classes).fill(0);
  for (const i of indices) out[labels[i]]++;
  return out;
}

/** The same checks the engine makes (resolveForgetSet), worded for the picker. */
function problemOf(size: number, n: number): string | null {
  if (size === 0) return 'The forget set is empty: pick at least one training image to forget.';
  if (size >= n) return `The forget set covers the whole train pool (${n.toLocaleString('en')} images): nothing would be left to retrain on.`;
  return null;
}

async function resolve(rule: ForgetRule, seed: number, labels: Uint8Array, classes: number): Promise<void> {
  const token = ++resolveToken;
  const n = labels.length;
  if (rule.kind === 'indices') {
    // Hand-picked sets resolve to themselves (sorted, unique): no round trip, so clicks feel instant.
    const outside = rule.indices.find((i) => i >= n);
    const indices = Int32Array.from(new Set(rule.indices.filter((i) => i < n))).sort();
    const problem = outside !== undefined ? `Forget index ${outside} is outside the train pool (0–${n - 1}); it was left out.` : problemOf(indices.length, n);
    useForget.setState({ status: 'ready', indices, mask: maskOf(n, indices), classCounts: countsOf(labels, indices, classes), poisoned: false, problem });
    requestPreview();
    return;
  }
  useForget.setState({ status: 'resolving' });
  const t0 = performance.now();
  const out = await interactiveClient().resolveForget(rule, seed);
  if (token !== resolveToken) return;
  if (out.ok) {
    const { indices, classCounts, poisoned, preview } = out.value;
    useForget.setState({ status: 'ready', indices, mask: maskOf(n, indices), classCounts, poisoned, problem: problemOf(indices.length, n) });
    // The worker previewed the resolved set in the same call; a set changed meanwhile asks again.
    if (preview && !previewBusy) showPreview(preview, t0);
    else requestPreview();
  } else if (out.error.kind !== 'cancelled') {
    const empty = new Int32Array(0);
    useForget.setState({ status: 'error', indices: empty, mask: new Uint8Array(n), classCounts: new Array<number>(classes).fill(0), poisoned: false, problem: out.error.message });
  }
}

// ---------------------------------------------------------------- editing the set by hand

/** Adds and removes pool indices; the rule becomes a hand-picked `indices` rule. */
export function editSelection(add: Iterable<number>, remove: Iterable<number> = []): void {
  const set = new Set(useForget.getState().indices);
  for (const i of remove) set.delete(i);
  for (const i of add) set.add(i);
  if (set.size > MAX_FORGET) {
    pushMessage({ topic: 'run', tone: 'warning', title: 'Forget set too large', text: `A forget set can hold at most ${MAX_FORGET.toLocaleString('en')} images (the link and the preview stay fast); the selection was not changed.` });
    return;
  }
  setRule({ kind: 'indices', indices: Array.from(set).sort((a, b) => a - b) });
}

export function toggleIndex(i: number): void {
  if (useForget.getState().mask[i]) editSelection([], [i]);
  else editSelection([i]);
  setFocus(i);
}

/**
 * Allowed during a run too: the run was sent its own copy of the experiment, and its
 * results compare that copy with the page's (results-provenance.ts) to say they are stale.
 */
export function setRule(rule: ForgetRule): void {
  useExperimentStore.getState().setForget(rule);
}

export function clearSelection(): void {
  setRule({ kind: 'indices', indices: [] });
}

// ---------------------------------------------------------------- pool map

export async function loadPoolMap(): Promise<void> {
  const s = useForget.getState();
  if (s.mapStatus === 'loading' || s.mapStatus === 'ready') return;
  useForget.setState({ mapStatus: 'loading' });
  const out = await interactiveClient().poolMap();
  if (out.ok) useForget.setState({ map: out.value, mapStatus: 'ready' });
  else useForget.setState({ mapStatus: out.error.kind === 'cancelled' ? 'idle' : 'error' });
}

// ---------------------------------------------------------------- datamodels and the instant preview

/**
 * Moves datamodels the run lane made (a run's attribution, or computed on demand) to the
 * interactive lane, which previews with them. Nothing to move is not an error.
 */
async function handOverDatamodels(): Promise<DatamodelsInfo | null> {
  const released = await labClient().releaseDatamodels();
  if (!released.ok || !released.value) return null;
  const adopted = await interactiveClient().adoptDatamodels(released.value);
  return adopted.ok ? adopted.value : null;
}

export async function refreshDatamodels(options: { afterRun?: boolean } = {}): Promise<void> {
  if (options.afterRun) await handOverDatamodels();
  const out = await interactiveClient().datamodelsInfo();
  if (!out.ok) return;
  const had = useForget.getState().datamodels;
  useForget.setState({ datamodels: out.value, datamodelsStatus: out.value ? 'ready' : useForget.getState().datamodelsStatus === 'computing' ? 'computing' : 'none' });
  if (out.value && !had) requestPreview();
}

export async function computeDatamodels(): Promise<void> {
  if (useForget.getState().datamodelsStatus === 'computing') return;
  const x = useExperimentStore.getState().experiment;
  useForget.setState({ datamodelsStatus: 'computing', datamodelsProgress: null });
  const out = await labClient().computeDatamodels(
    { spec: x.model, training: x.training, seed: x.seed, models: Math.min(4, x.ensemble.models) },
    (p) => useForget.setState({ datamodelsProgress: p }),
  );
  if (out.ok) {
    // what the preview's lane now holds (restored or save-problem flags included)
    const info = await handOverDatamodels();
    useForget.setState({ datamodels: info ?? out.value, datamodelsStatus: 'ready', datamodelsProgress: null });
    requestPreview();
  } else {
    useForget.setState({ datamodelsStatus: out.error.kind === 'cancelled' ? 'none' : 'error', datamodelsProgress: null });
    if (out.error.kind !== 'cancelled') pushMessage({ topic: 'run', tone: 'error', title: 'Could not compute datamodels', text: out.error.message });
  }
}

const IMPORT_TITLES = /^(Imported datamodels|Could not import datamodels)/;

/** Datamodels computed elsewhere, as `.npy` files (β, optional intercepts/margins), for the preview. */
export async function importDatamodelsFiles(files: File[]): Promise<void> {
  if (files.length === 0 || useForget.getState().datamodelsStatus === 'computing') return;
  // Only the latest import's outcome stays on screen.
  useLab.setState((s) => ({ messages: s.messages.filter((m) => !IMPORT_TITLES.test(m.title)) }));
  const out = await interactiveClient().importDatamodels(files.map((f) => ({ name: f.name, blob: f })));
  if (out.ok) {
    const shape = out.value.shape.map((v) => v.toLocaleString('en')).join(' × ');
    useForget.setState({ datamodels: out.value, datamodelsStatus: 'ready', datamodelsProgress: null, preview: null });
    pushMessage({
      topic: 'run', tone: 'info', title: `Imported datamodels: ${shape}`,
      text: `${out.value.shape.length === 3 ? 'per-class logits' : 'margins'}${out.value.marginModels ? `, with margins of ${out.value.marginModels} models` : ''}; the preview now uses them.`,
    });
    requestPreview();
  } else if (out.error.kind !== 'cancelled') {
    pushMessage({ topic: 'run', tone: 'error', title: 'Could not import datamodels', text: out.error.message });
  }
}

/** Hover and click focus: the change is read from the preview's margins, with no worker call. */
export function setFocus(i: number | null): void {
  const { focus, preview } = useForget.getState();
  if (focus === i) return;
  useForget.setState({ focus: i, preview: preview && { ...preview, focus: focusChange(preview, i) } });
}

function showPreview(preview: ForgetPreview, startedAt: number): void {
  useForget.setState((s) => ({ preview: { ...preview, focus: focusChange(preview, s.focus) }, previewRoundTripMs: performance.now() - startedAt }));
}

let previewBusy = false;
let previewPending = false;

/** Throttled: one preview in flight; changes made meanwhile collapse into one follow-up. */
export function requestPreview(): void {
  const s = useForget.getState();
  if (!s.datamodels || s.status !== 'ready') return;
  if (previewBusy) {
    previewPending = true;
    return;
  }
  previewBusy = true;
  const t0 = performance.now();
  void interactiveClient()
    .previewForget(s.indices)
    .then((out) => {
      if (out.ok && out.value) showPreview(out.value, t0);
    })
    .finally(() => {
      previewBusy = false;
      if (previewPending) {
        previewPending = false;
        requestPreview();
      }
    });
}
