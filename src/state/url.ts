/**
 * The page's URL parameters. Every plain shareable field is listed once in URL_FIELDS
 * with its schema and default; anything invalid falls back to the default with a message
 * saying what was ignored, never a crash.
 *
 * The whole experiment (plus hidden controls and lesson step) travels in ONE more
 * parameter, `x` (SHARE_PARAM): versioned, deflated and validated by share-link.ts and
 * kept current by share-link-sync.ts.
 */
import { z } from 'zod';
import type { BackendPreference } from '../../workers/entry/lab-api';

export const BACKEND_PREFERENCES = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] as const satisfies readonly BackendPreference[];

/** name in the URL → schema of its value and what to use when it is absent or invalid. */
const URL_FIELDS = {
  backend: {
    schema: z.enum(BACKEND_PREFERENCES),
    fallback: 'auto' as BackendPreference,
    problem: (raw: string) =>
      `Unknown backend "${raw}" in the link (use webgpu, webgl, wasm or cpu); choosing automatically instead.`,
  },
} as const;

type Fields = typeof URL_FIELDS;
export type UrlState = { [K in keyof Fields]: z.infer<Fields[K]['schema']> };

export interface UrlReadResult {
  state: UrlState;
  /** One plain sentence per ignored parameter, for the message bar. */
  problems: string[];
}

export function readUrlState(search: string): UrlReadResult {
  const params = new URLSearchParams(search);
  const problems: string[] = [];
  const state = {} as Record<string, unknown>;
  for (const [name, field] of Object.entries(URL_FIELDS) as [keyof Fields, Fields[keyof Fields]][]) {
    const raw = params.get(name);
    if (raw == null) {
      state[name] = field.fallback;
      continue;
    }
    const parsed = field.schema.safeParse(raw.trim().toLowerCase());
    if (parsed.success) state[name] = parsed.data;
    else {
      state[name] = field.fallback;
      problems.push(field.problem(raw));
    }
  }
  return { state: state as UrlState, problems };
}

/**
 * Writes `patch` into the current URL without a new history entry; defaults are removed
 * so links stay short.
 */
export function writeUrlState(patch: Partial<UrlState>): void {
  const url = new URL(window.location.href);
  for (const [name, value] of Object.entries(patch) as [keyof Fields, string][]) {
    if (value === URL_FIELDS[name].fallback) url.searchParams.delete(name);
    else url.searchParams.set(name, value);
  }
  window.history.replaceState(window.history.state, '', url);
}
