/**
 * The share link's codec: the whole experiment description, the hidden controls and the
 * lesson step in ONE URL parameter, `?x=<format>.<payload>`.
 *
 *   payload = base64url(deflate(frame)),  frame = varint(jsonLength) · json · indices
 *
 * `json` is `{ e: experiment, h: hidden, l: lesson }`; a hand-picked forget set
 * (`indices` rule) travels outside the JSON, in whichever is shorter: sorted gaps as
 * LEB128 varints (mode 0: small or clustered sets) or a bitmap up to the largest index
 * (mode 1: dense sets; 2,500 of 5,000 images is 625 bytes instead of ~12,000 as JSON).
 * The format number sits before the dot, readable without decoding, so a link from a
 * newer page is recognised as such instead of as garbage.
 *
 * Decoding is the one restore/validate step for everything that comes from a link:
 * migrate(old format) → experimentSchema (fills defaults) with out-of-range numbers
 * clamped to the schema's bounds → hidden controls and lesson checked. Whatever cannot be
 * restored falls back to safe defaults with a plain sentence in `problems`; it never throws.
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import { z } from 'zod';
import { experimentSchema, type Experiment } from '../../workers/engine/experiment/schema';
import { DEFAULT_EXPERIMENT, HIDEABLE_CONTROLS, type HideableControl } from './experiment-store';
import { withFullParams, withOldDmmRecipe } from '../../workers/engine/experiment/spelled-out-params';

/** Bump when the frame layout changes; add the step from the old one to `migrate`. */
export const SHARE_FORMAT = 1;
export const SHARE_PARAM = 'x';

export interface SharedState {
  experiment: Experiment;
  hidden: HideableControl[];
  lesson: { id: string; step: number } | null;
}

export interface DecodeResult {
  state: SharedState;
  /** One plain sentence per thing that was repaired or ignored. */
  problems: string[];
  /** True when the link could not be read at all (the state is the defaults). */
  broken: boolean;
}

export const DEFAULT_SHARED: SharedState = { experiment: DEFAULT_EXPERIMENT, hidden: [], lesson: null };

// ---------------------------------------------------------------- encode

export function encodeShared(state: SharedState): string {
  const { experiment, hidden, lesson } = state;
  const indices = experiment.forget.kind === 'indices' ? experiment.forget.indices : null;
  const full = { ...experiment, methods: withFullParams(experiment.methods) };
  const e = indices ? { ...full, forget: { kind: 'indices' } } : full;
  const json = strToU8(JSON.stringify({ e, h: hidden.length ? hidden : undefined, l: lesson ?? undefined }));
  const tail = indices ? packIndices(indices) : new Uint8Array(0);
  const head = varint(json.length);
  const frame = new Uint8Array(head.length + json.length + tail.length);
  frame.set(head, 0);
  frame.set(json, head.length);
  frame.set(tail, head.length + json.length);
  return `${SHARE_FORMAT}.${toBase64Url(deflateSync(frame, { level: 9 }))}`;
}

/** The shorter of the two index encodings, behind a mode byte. */
export function packIndices(indices: readonly number[]): Uint8Array {
  const gaps = deltaVarints(indices);
  const max = indices.reduce((a, b) => Math.max(a, b), -1);
  const bitmapBytes = Math.ceil((max + 1) / 8);
  if (gaps.length <= bitmapBytes) return Uint8Array.from([0, ...gaps]);
  const out = new Uint8Array(1 + bitmapBytes);
  out[0] = 1;
  for (const i of indices) out[1 + (i >> 3)] |= 1 << (i & 7);
  return out;
}

export function unpackIndices(bytes: Uint8Array): number[] {
  if (bytes.length === 0) return [];
  if (bytes[0] === 0) return readDeltaVarints(bytes.subarray(1));
  if (bytes[0] !== 1) throw new Error('unknown index encoding');
  const out: number[] = [];
  for (let b = 1; b < bytes.length; b++) for (let k = 0; k < 8; k++) if (bytes[b] & (1 << k)) out.push((b - 1) * 8 + k);
  return out;
}

/** Sorted, de-duplicated indices as LEB128 varints of their gaps. */
export function deltaVarints(indices: readonly number[]): Uint8Array {
  const sorted = Array.from(new Set(indices)).sort((a, b) => a - b);
  const out: number[] = [];
  let prev = 0;
  for (const i of sorted) {
    pushVarint(out, i - prev);
    prev = i;
  }
  return Uint8Array.from(out);
}

export function readDeltaVarints(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let prev = 0;
  for (let p = 0; p < bytes.length; ) {
    const r = readVarint(bytes, p);
    prev += r.value;
    out.push(prev);
    p = r.next;
  }
  return out;
}

function varint(n: number): Uint8Array {
  const out: number[] = [];
  pushVarint(out, n);
  return Uint8Array.from(out);
}

function pushVarint(out: number[], n: number): void {
  let v = n;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
}

function readVarint(bytes: Uint8Array, start: number): { value: number; next: number } {
  let value = 0;
  let scale = 1;
  for (let p = start; p < bytes.length && p < start + 5; p++) {
    value += (bytes[p] & 0x7f) * scale;
    if ((bytes[p] & 0x80) === 0) return { value, next: p + 1 };
    scale *= 128;
  }
  throw new Error('truncated number');
}

export function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const b = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(b, (ch) => ch.charCodeAt(0));
}

// ---------------------------------------------------------------- decode

const BROKEN = 'Its x= parameter is not a valid lab link (it may be cut off or altered), so the lab opened with the default experiment.';

/**
 * The longest `x=` the lab reads: far above any link it makes (the largest forget set,
 * 2,500 images, packs to ~4 KB), and below the 16 KB request-header limit of the Node
 * servers behind `npm run dev` and `npm run preview`, so every accepted link reaches the app.
 */
export const MAX_LINK_CHARS = 12_000;

/** Decodes `?x=`; never throws. */
export function decodeShared(param: string): DecodeResult {
  if (param.length > MAX_LINK_CHARS) {
    return broken(`Its x= parameter is ${param.length.toLocaleString('en')} characters long, more than any lab link (at most ${MAX_LINK_CHARS.toLocaleString('en')}), so the lab opened with the default experiment.`);
  }
  const dot = param.indexOf('.');
  const format = dot > 0 ? Number(param.slice(0, dot)) : NaN;
  if (!Number.isInteger(format) || format < 1) return broken(BROKEN);
  if (format > SHARE_FORMAT) {
    return broken(`This link was made by a newer version of the lab (link format ${format}; this page reads up to ${SHARE_FORMAT}). Opened the default experiment instead; reload the page to get the latest version.`);
  }
  let raw: unknown;
  try {
    const frame = inflateSync(fromBase64Url(param.slice(dot + 1)));
    const { value: jsonLength, next } = readVarint(frame, 0);
    if (next + jsonLength > frame.length) throw new Error('truncated');
    const body = JSON.parse(strFromU8(frame.subarray(next, next + jsonLength))) as unknown;
    raw = { body, indices: unpackIndices(frame.subarray(next + jsonLength)) };
  } catch {
    return broken(BROKEN);
  }
  return restore(migrate(format, raw));
}

function broken(message: string): DecodeResult {
  return { state: DEFAULT_SHARED, problems: [message], broken: true };
}

/** The current format's decoded frame: the JSON body and the indices tail. */
interface Frame {
  body: unknown;
  indices: number[];
}

/**
 * Brings a frame of link format `from` to the current format, one step per version.
 * Only format 1 exists; a format-2 page would add `if (from < 2) frame = v1ToV2(frame)`.
 * (The experiment's own `version` inside is migrated the same way, in `restore`.)
 */
export function migrate(from: number, frame: unknown): Frame {
  const f = frame as Frame;
  if (from === 1) return f;
  throw new Error(`no migration from link format ${from}`);
}

const lessonSchema = z.object({ id: z.string().min(1).max(40), step: z.number().int().min(0).max(50) });

/** The restore/validate step: every field of a link goes through here. */
export function restore(frame: Frame): DecodeResult {
  const problems: string[] = [];
  const body = (isObject(frame.body) ? frame.body : {}) as { e?: unknown; h?: unknown; l?: unknown };
  let experimentIn = isObject(body.e) ? { ...body.e } : null;
  if (experimentIn && isObject(experimentIn.forget) && experimentIn.forget.kind === 'indices') {
    experimentIn.forget = { ...experimentIn.forget, indices: frame.indices };
  }
  let experiment = DEFAULT_EXPERIMENT;
  if (!experimentIn) problems.push('The link has no experiment in it; opened the default experiment.');
  else {
    experimentIn = migrateExperiment(experimentIn, problems);
    const out = experimentIn ? parseClamped(experimentIn, problems) : null;
    if (out) experiment = out;
    else problems.push('The experiment in this link is not valid; opened the default experiment instead.');
  }
  const hidden: HideableControl[] = [];
  if (Array.isArray(body.h)) {
    for (const h of body.h) {
      if ((HIDEABLE_CONTROLS as readonly unknown[]).includes(h)) {
        if (!hidden.includes(h as HideableControl)) hidden.push(h as HideableControl);
      } else problems.push(`Ignored an unknown hidden control in the link (${JSON.stringify(h).slice(0, 30)}).`);
    }
  }
  let lesson: SharedState['lesson'] = null;
  if (body.l != null) {
    const l = lessonSchema.safeParse(body.l);
    if (l.success) lesson = l.data;
    else problems.push('Ignored the lesson step in the link (not a valid lesson and step).');
  }
  return { state: { experiment, hidden, lesson }, problems, broken: false };
}

/** Experiment description versions: only 1 exists; older ones would be upgraded here. */
function migrateExperiment(e: Record<string, unknown>, problems: string[]): Record<string, unknown> | null {
  const v = e.version ?? 1;
  if (v === 1) return { ...e, version: 1, methods: withOldDmmRecipe(e.methods) };
  problems.push(`The experiment in this link has version ${String(v).slice(0, 10)}, which this page cannot read.`);
  return null;
}

/**
 * experimentSchema.parse, but a number outside its bounds is clamped to the bound (and
 * reported) instead of failing the whole link; anything else invalid fails.
 */
export function parseClamped(input: Record<string, unknown>, problems: string[]): Experiment | null {
  const value = structuredClone(input);
  for (let attempt = 0; attempt < 20; attempt++) {
    const r = experimentSchema.safeParse(value);
    if (r.success) return r.data;
    let fixed = false;
    for (const issue of r.error.issues) {
      const bound = issue.code === 'too_big' ? issue.maximum : issue.code === 'too_small' ? issue.minimum : undefined;
      if (issue.code !== 'too_big' && issue.code !== 'too_small') continue;
      if (issue.origin !== 'number' || typeof bound !== 'number' || issue.path.length === 0) continue;
      const parent = walk(value, issue.path.slice(0, -1));
      const key = issue.path[issue.path.length - 1] as string | number;
      if (!parent || typeof parent[key] !== 'number') continue;
      const was = parent[key];
      const clamped = issue.code === 'too_big' && issue.inclusive === false ? bound - 1e-9 : issue.code === 'too_small' && issue.inclusive === false ? bound + 1e-9 : bound;
      parent[key] = clamped;
      problems.push(`${issue.path.join('.')} = ${was} is outside the lab's range; using ${clamped}.`);
      fixed = true;
    }
    if (!fixed && !repairSections(value, r.error.issues, problems)) {
      problems.push(`Invalid experiment in the link: ${r.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}.`);
      return null;
    }
  }
  return null;
}

/**
 * Section-by-section repair (as Excalidraw's restore does it): an invalid method is dropped
 * and any other invalid section (model, training, forget set, evaluation…) falls back to the
 * default's, each with a message, so one damaged field never costs the rest of the link —
 * 2,500 hand-picked indices survive a bad method id. False when nothing could be repaired.
 */
function repairSections(value: Record<string, unknown>, issues: readonly { path: PropertyKey[]; message: string }[], problems: string[]): boolean {
  const defaults = DEFAULT_EXPERIMENT as unknown as Record<string, unknown>;
  const methods = Array.isArray(value.methods) ? (value.methods as unknown[]) : null;
  const dropped = new Set<number>();
  const reset = new Map<string, string>();
  for (const issue of issues) {
    const [section, index] = issue.path;
    if (typeof section !== 'string' || !(section in defaults)) continue;
    if (section === 'methods' && methods && typeof index === 'number' && index < methods.length) dropped.add(index);
    else if (!reset.has(section)) reset.set(section, issue.message);
  }
  for (const i of [...dropped].sort((a, b) => b - a)) {
    const m = methods![i];
    const id = isObject(m) && typeof m.id === 'string' ? m.id.slice(0, 30) : `#${i + 1}`;
    problems.push(`Dropped the method “${id}” from the link: it is not one this lab can run with those settings.`);
    methods!.splice(i, 1);
  }
  for (const [section, message] of reset) {
    value[section] = structuredClone(defaults[section]);
    problems.push(`The link's ${section} settings were invalid (${message}); using the defaults for ${section} and keeping the rest.`);
  }
  return dropped.size > 0 || reset.size > 0;
}

function walk(root: unknown, path: readonly PropertyKey[]): Record<string | number, unknown> | null {
  let node: unknown = root;
  for (const k of path) {
    if (!isObject(node) && !Array.isArray(node)) return null;
    node = (node as Record<PropertyKey, unknown>)[k];
  }
  return isObject(node) || Array.isArray(node) ? (node as Record<string | number, unknown>) : null;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
