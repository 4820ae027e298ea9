/**
 * The on-disk shape of a prepared dataset (what `npm run data:cifar10` writes under
 * public/datasets/ and the page fetches): one `manifest.json` per dataset folder and an
 * `index.json` listing the folders. Both come from outside the code, so both are read
 * through these schemas; the script writes with the same types.
 */
import { z } from 'zod';

export const MANIFEST_FORMAT = 'unlearning-lab/prepared-dataset';
export const INDEX_FORMAT = 'unlearning-lab/dataset-index';

/** Only the official file names: a manifest cannot point the loader anywhere else. */
const FILE_NAME = /^(data_batch_[1-5]\.bin|test_batch\.bin|batches\.meta\.txt)$/;
const HEX64 = /^[0-9a-f]{64}$/;
const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

export const preparedFileSchema = z.object({
  name: z.string().regex(FILE_NAME, 'must be data_batch_N.bin, test_batch.bin or batches.meta.txt'),
  role: z.enum(['train', 'validation', 'meta']),
  /** Images in the file (0 for the meta file). */
  records: z.number().int().nonnegative(),
  bytes: z.number().int().positive(),
  sha256: z.string().regex(HEX64),
});

export const preparedManifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  version: z.literal(1),
  id: z.string().regex(ID),
  name: z.string().min(1).max(200),
  kind: z.literal('cifar10'),
  classNames: z.array(z.string().min(1)).length(10),
  trainSize: z.number().int().positive(),
  validationSize: z.number().int().positive(),
  files: z.array(preparedFileSchema).min(2),
  /** Dataset content hash (hash.ts) of what the files decode to. */
  hash: z.string().regex(HEX64),
});

export const datasetIndexEntrySchema = z.object({
  id: z.string().regex(ID),
  name: z.string().min(1).max(200),
  /** Folder of the manifest, relative to index.json, ending in "/". */
  path: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}\/$/),
  trainSize: z.number().int().positive(),
  validationSize: z.number().int().positive(),
  hash: z.string().regex(HEX64),
});

export const datasetIndexSchema = z.object({
  format: z.literal(INDEX_FORMAT),
  version: z.literal(1),
  datasets: z.array(datasetIndexEntrySchema),
});

export type PreparedFile = z.infer<typeof preparedFileSchema>;
export type PreparedManifest = z.infer<typeof preparedManifestSchema>;
export type DatasetIndexEntry = z.infer<typeof datasetIndexEntrySchema>;
export type DatasetIndex = z.infer<typeof datasetIndexSchema>;

/** One line per problem, "files.0.name: must be ...", for an error message. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}
