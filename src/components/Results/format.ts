/** Number formatting shared by the results components, so every panel says "12.3 s" the same way. */
export const percent = (x: number | null | undefined, digits = 1): string =>
  x == null || !Number.isFinite(x) ? '—' : `${(x * 100).toFixed(digits)}%`;

export const rate = (x: number | null | undefined): string =>
  x == null || !Number.isFinite(x) ? '—' : `${Math.round(x).toLocaleString('en')} img/s`;

export const count = (x: number | null | undefined): string =>
  x == null || !Number.isFinite(x) ? '—' : Math.round(x).toLocaleString('en');

export function duration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds)) return '—';
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 90) return `${Math.round(seconds)} s`;
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  return `${m} min ${s.toString().padStart(2, '0')} s`;
}
