/** Thrown when the caller's AbortSignal fires; whatever finished before is kept by the caller. */
export class CancelledError extends Error {
  constructor(message = 'Cancelled') {
    super(message);
    this.name = 'CancelledError';
  }
}

export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new CancelledError();
}

/**
 * A compute worker died (out of memory, a crashed kernel, a lost GPU) while the engine
 * waited on it. Whatever finished before is kept by the caller; the next call starts
 * fresh workers.
 */
export class ComputeCrashedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ComputeCrashedError';
  }
}
