/**
 * Launches Debian's Chromium: a fresh profile (mkdtemp) every time, the project's flags,
 * and the exact command line logged, so a failure can be replayed by hand. Page errors and
 * console errors are collected for the test to assert on. The e2e fixtures (fixtures.ts)
 * launch through here with playwright.config.ts's launchOptions; the browser benchmark
 * (scripts/bench/) calls it directly.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type LaunchOptions, type Page } from '@playwright/test';

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

/** Debian's Chromium with the project's flags (playwright.config.ts's `use.launchOptions`). */
export const LAUNCH_OPTIONS = {
  executablePath: CHROMIUM,
  args: BASE_ARGS,
  ignoreDefaultArgs: IGNORED_DEFAULT_ARGS,
} satisfies LaunchOptions;

export interface SessionOptions {
  /** Expose WebGPU (SwiftShader on a GPU-less machine). */
  webgpu?: boolean;
  /** Default 1280 × 720; null: no emulated viewport. */
  viewport?: { width: number; height: number } | null;
  /** Relative page.goto() addresses resolve against it. */
  baseURL?: string;
  /** Executable, flags and headless mode; default LAUNCH_OPTIONS, headless. */
  launchOptions?: LaunchOptions;
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors and console errors seen so far. */
  errors: string[];
  close(): Promise<void>;
}

export async function launch(options: SessionOptions = {}): Promise<Session> {
  const profile = await mkdtemp(join(tmpdir(), 'lab-e2e-profile-'));
  const { args = [], ...launchOptions } = options.launchOptions ?? { ...LAUNCH_OPTIONS, headless: true };
  const context = await chromium.launchPersistentContext(profile, {
    ...launchOptions,
    args: [...args, ...(options.webgpu ? ['--enable-unsafe-webgpu'] : [])],
    viewport: options.viewport === undefined ? { width: 1280, height: 720 } : options.viewport,
    baseURL: options.baseURL,
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
