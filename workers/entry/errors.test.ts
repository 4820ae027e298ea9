import { describe, expect, it } from 'vitest';
import { ExperimentError } from '../engine/experiment/schema';
import { NpyError } from '../engine/npy/npy';
import { CancelledError } from '../engine/train/errors';
import { UserError } from '../engine/util/user-error';
import { toWorkerError } from './errors';

describe('toWorkerError', () => {
  it('shows the user’s mistakes as something to fix, and broken invariants as internal errors', () => {
    expect(toWorkerError(new ExperimentError('forget set is empty'))).toEqual({ kind: 'bad-request', message: 'forget set is empty' });
    expect(toWorkerError(new NpyError('beta.npy', 'not a NumPy .npy file')).kind).toBe('bad-request');
    expect(toWorkerError(new UserError('k must be at most 5,000')).kind).toBe('bad-request');
    // a shape check inside the engine is a bug, not a settings problem
    expect(toWorkerError(new RangeError('marginMatrix: bad shape 0×3'))).toEqual({ kind: 'internal', message: 'marginMatrix: bad shape 0×3' });
    expect(toWorkerError(new CancelledError()).kind).toBe('cancelled');
  });
});
