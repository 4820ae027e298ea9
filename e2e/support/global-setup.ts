/** Playwright's globalSetup: Debian's Chromium, installed if missing, waiting out a dpkg lock held by someone else. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { CHROMIUM } from './browser';

export default async function ensureChromium(): Promise<void> {
  if (existsSync(CHROMIUM)) return;
  console.log(`[e2e] ${CHROMIUM} not found: installing Debian's chromium`);
  for (let attempt = 1; attempt <= 30; attempt++) {
    const r = spawnSync('bash', ['-c', 'apt-get update && apt-get install -y chromium'], { stdio: 'inherit' });
    if (r.status === 0 && existsSync(CHROMIUM)) return;
    console.log(`[e2e] apt-get failed (attempt ${attempt}, maybe dpkg is locked by another install); retrying in 10 s`);
    await sleep(10_000);
  }
  throw new Error(`could not install chromium at ${CHROMIUM}`);
}
