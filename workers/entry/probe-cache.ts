import { createStore, get, set } from 'idb-keyval';
import type { ProbeCache } from '../engine/backend/select';

/**
 * The backend probe's measurements, remembered per device (user agent, adapters, threads)
 * in IndexedDB, so 'auto' times the backends once, not on every page load. Where IndexedDB
 * is unavailable or full, the probe simply runs again.
 */
const store = typeof indexedDB === 'undefined' ? null : createStore('unlearning-lab-probe', 'measurements');

export const idbProbeCache: ProbeCache = {
  async get(key) {
    try {
      return store ? await get(key, store) : undefined;
    } catch {
      return undefined;
    }
  },
  async set(key, value) {
    try {
      if (store) await set(key, value, store);
    } catch {
      // a full quota or a private window: measure again next time
    }
  },
};
