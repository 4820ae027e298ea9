/**
 * Datamodels in transit from the worker that made them (the run lane) to the one that
 * previews with them (the interactive lane). Dependency-free, so the page can name the
 * buffers to transfer without pulling the engine into its bundle.
 */
export type DatamodelsSource = 'experiment' | 'computed' | 'imported';

export interface HeldDatamodels {
  /** The datamodels' own serialized header and arrays (attribution/serialize.ts reads them back). */
  header: unknown;
  blobs: Float32Array[];
  source: DatamodelsSource;
  /** Hash of the data they were fit on (a poisoned run's differs from the clean dataset's). */
  datasetHash: string | null;
  /** Mean original logits, when the maker had them. */
  logits: { train: Float32Array; validation: Float32Array } | null;
  /** Why the maker could not save them for the next visit, or null. */
  saveProblem: string | null;
}

/** The buffers a HeldDatamodels owns, to transfer instead of copy (each array owns its buffer). */
export function heldBuffers(t: HeldDatamodels): ArrayBuffer[] {
  const arrays = [...t.blobs, ...(t.logits ? [t.logits.train, t.logits.validation] : [])];
  return arrays.map((a) => a.buffer as ArrayBuffer);
}
