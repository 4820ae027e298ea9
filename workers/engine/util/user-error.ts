/**
 * A mistake in what the user gave (an experiment description, a file, a forget set): the
 * page shows it as something to fix, with its message. Everything else that throws is an
 * internal error (a broken invariant: a RangeError from a shape check is a bug, not the
 * user's doing) and is shown as one.
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}
