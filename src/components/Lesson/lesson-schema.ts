/** A guided lesson (public/lessons/*.json), validated when loaded. */
import { z } from 'zod';

export const lessonSchema = z.object({
  id: z.string().min(1).max(40),
  title: z.string().min(1).max(120),
  steps: z
    .array(
      z.object({
        title: z.string().min(1).max(120),
        /** A file in public/presets/. */
        preset: z.string().regex(/^[a-z0-9-]+\.json$/),
        paragraphs: z.array(z.string().min(1).max(900)).min(1).max(4),
      }),
    )
    .min(1)
    .max(20),
});
export type Lesson = z.infer<typeof lessonSchema>;

export const presetIndexSchema = z.object({
  presets: z.array(z.object({ id: z.string(), name: z.string(), file: z.string().regex(/^[a-z0-9-]+\.json$/) })),
});
export type PresetIndex = z.infer<typeof presetIndexSchema>;
