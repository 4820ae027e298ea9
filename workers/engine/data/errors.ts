/**
 * The one error type the data layer throws. Every message starts with the file (or
 * source) it is about, because the person reading it is usually looking at a folder of
 * dropped files and needs to know which one to replace. `code` lets the page pick a
 * hint without parsing the message.
 */
export type DatasetErrorCode =
  | 'empty-file'
  | 'truncated-record'
  | 'bad-label'
  | 'not-an-archive'
  | 'missing-file'
  | 'duplicate-file'
  | 'bad-meta'
  | 'bad-manifest'
  | 'hash-mismatch'
  | 'fetch-failed'
  | 'bad-argument';

export class DatasetError extends Error {
  override readonly name = 'DatasetError';

  constructor(
    readonly code: DatasetErrorCode,
    /** The file or source the problem is in, e.g. "data_batch_3.bin". */
    readonly file: string,
    /** What is wrong, without the file name. */
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
  }
}

export function isDatasetError(e: unknown): e is DatasetError {
  return e instanceof DatasetError;
}
