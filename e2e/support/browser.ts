/**
 * Launches Debian's Chromium for one test: a fresh profile (mkdtemp) every time, the
 * project's flags, and the exact command line logged, so a failure can be replayed by
 * hand. Page errors and console errors are collected for the test to assert on.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags every test runs with (quiet, offline-friendly, no first-run UI). */
export const BASE_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * Playwright defaults we drop: --hide-scrollbars (screenshots should show the scrollbars a
 * user sees) and --enable-automation (its infobar and automation tweaks are not what users get).
 */
export const IGNORED_DEFAULT_ARGS = ['--hide-scrollbars', '--enable-automation'];

export interface LaunchOptions {
  /** Expose WebGPU (SwiftShader on a GPU-less machine). */
  webgpu?: boolean;
  viewport?: { width: number; height: number };
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors and console errors seen so far. */
  errors: string[];
  close(): Promise<void>;
}

export async function launch(options: LaunchOptions = {}): Promise<Session> {
  const profile = await mkdtemp(join(tmpdir(), 'lab-e2e-profile-'));
  const args = [...BASE_ARGS, ...(options.webgpu ? ['--enable-unsafe-webgpu'] : [])];
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args,
    ignoreDefaultArgs: IGNORED_DEFAULT_ARGS,
    viewport: options.viewport ?? { width: 1280, height: 720 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  console.log(`[e2e] chromium command line: ${await commandLine(page)}`);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return {
    context,
    page,
    errors,
    async close() {
      await context.close().catch(() => undefined);
      await rm(profile, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}

/**
 * The exact command line Chromium runs with (our flags plus Playwright's), as the
 * browser itself reports it on chrome://version.
 */
async function commandLine(page: Page): Promise<string> {
  await page.goto('chrome://version');
  const text = (await page.locator('#command_line').textContent()) ?? '(unknown)';
  await page.goto('about:blank');
  return text.trim();
}

/** The preview server's address, given by scripts/e2e.mjs. */
export function baseUrl(): string {
  const url = process.env.LAB_URL;
  if (!url) throw new Error('LAB_URL is not set: run the e2e tests through `npm run test:e2e`.');
  return url;
}
