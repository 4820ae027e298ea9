/**
 * Reads a method's zod hyperparameter schema into form fields (number with bounds and
 * step, or a choice), so the panel shows exactly the bounds the engine enforces.
 */
import { z } from 'zod';

export type ParamField =
  | { key: string; kind: 'number'; min: number; max: number; integer: boolean; fallback: number }
  | { key: string; kind: 'choice'; options: string[]; fallback: string }
  | { key: string; kind: 'boolean'; fallback: boolean };

function unwrap(t: z.ZodType): z.ZodType {
  let x: z.ZodType = t;
  while (x instanceof z.ZodDefault || x instanceof z.ZodOptional) x = x.unwrap() as z.ZodType;
  return x;
}

export function paramFields(schema: z.ZodType): ParamField[] {
  const defaults = schema.parse({}) as Record<string, unknown>;
  if (!(schema instanceof z.ZodObject)) return [];
  return Object.entries(schema.shape as Record<string, z.ZodType>).flatMap(([key, field]): ParamField[] => {
    const t = unwrap(field);
    if (t instanceof z.ZodNumber) {
      return [{ key, kind: 'number', min: t.minValue ?? -1e9, max: t.maxValue ?? 1e9, integer: !!t.isInt, fallback: Number(defaults[key]) }];
    }
    if (t instanceof z.ZodEnum) return [{ key, kind: 'choice', options: t.options.map(String), fallback: String(defaults[key]) }];
    if (t instanceof z.ZodBoolean) return [{ key, kind: 'boolean', fallback: Boolean(defaults[key]) }];
    return [];
  });
}

/** A number-field bound of another zod number (ensemble size, epochs…). */
export function numberBounds(t: z.ZodType): { min: number; max: number } {
  const n = unwrap(t);
  return n instanceof z.ZodNumber ? { min: n.minValue ?? 0, max: n.maxValue ?? 1e9 } : { min: 0, max: 1e9 };
}

/** "learningRate" → "Learning rate". */
export function humanise(key: string): string {
  const words = key.replace(/([A-Z])/g, ' $1').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
