/**
 * The page's two lab workers (src/state/client-instance.ts), told apart by the name each
 * is created with: the run lane ('lab-engine': training, experiments) and the interactive
 * lane ('lab-interactive': forget rules, the instant preview). Pool workers are 'compute'.
 */
import type { Page, Worker } from '@playwright/test';

export type Lane = 'lab-engine' | 'lab-interactive';

export async function workersNamed(page: Page, name: Lane | 'compute'): Promise<Worker[]> {
  const named = await Promise.all(page.workers().map(async (w) => ({ w, name: await w.evaluate(() => self.name).catch(() => null) })));
  return named.filter((x) => x.name === name).map((x) => x.w);
}

/** The one live worker of a lane (fails the test if there is not exactly one). */
export async function laneWorker(page: Page, lane: Lane): Promise<Worker> {
  const found = await workersNamed(page, lane);
  if (found.length !== 1) throw new Error(`expected one ${lane} worker, found ${found.length}`);
  return found[0];
}
