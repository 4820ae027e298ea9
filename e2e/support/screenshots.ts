/** Saves a screenshot under e2e/screenshots/ (git-ignored) for a person to look at. */
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';

export const SCREENSHOT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, animations: 'disabled' });
  console.log(`[e2e] screenshot: ${path}`);
  return path;
}

/** Saves a screenshot of one element (a chart card, say), scrolled into view first. */
export async function screenshotOf(element: Locator, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await element.scrollIntoViewIfNeeded();
  await element.screenshot({ path, animations: 'disabled' });
  console.log(`[e2e] screenshot: ${path}`);
  return path;
}
