/**
 * Turns whatever the engine throws into a WorkerError the page can show. Lives in the
 * worker because only here are the engine's error classes (DatasetError, CancelledError,
 * zod errors) still themselves; after postMessage they would be bare Errors.
 */
import { ZodError } from 'zod';
import { isDatasetError } from '../engine/data/errors';
import { CancelledError } from '../engine/train/errors';
import { UserError } from '../engine/util/user-error';
import type { Outcome, WorkerError, WorkerErrorKind } from './lab-api';

export function toWorkerError(err: unknown, fallbackKind: WorkerErrorKind = 'internal'): WorkerError {
  if (isDatasetError(err)) return { kind: 'dataset', message: err.message, code: err.code, file: err.file };
  if (err instanceof CancelledError) return { kind: 'cancelled', message: err.message };
  if (err instanceof ZodError) {
    const issues = err.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ');
    return { kind: 'bad-request', message: `Invalid request (${issues})` };
  }
  if (err instanceof UserError) return { kind: 'bad-request', message: err.message };
  const message = err instanceof Error ? err.message : String(err);
  return { kind: fallbackKind, message };
}

/** Runs `fn`, returning its value or its failure as data; never throws across the worker boundary. */
export async function settle<T>(fn: () => Promise<T>, fallbackKind?: WorkerErrorKind): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (err) {
    return { ok: false, error: toWorkerError(err, fallbackKind) };
  }
}
