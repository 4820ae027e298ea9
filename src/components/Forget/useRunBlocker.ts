/**
 * Why the experiment cannot run because of its forget set (empty, the whole pool, an index
 * outside the pool, still resolving), or null. For the Run button: disable it and show this.
 */
import { useForget } from './forget-store';

export function useForgetRunBlocker(): string | null {
  return useForget((s) => (s.status === 'resolving' ? 'The forget set is still being resolved…' : s.problem));
}
