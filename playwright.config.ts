/**
 * npm run test:e2e [-- NAME...]: the end-to-end tests in e2e/tests/ against the production
 * build, served by `vite preview` (the webServer command builds it first; E2E_SKIP_BUILD=1
 * reuses dist/), in Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium; never a
 * downloaded browser). NAME filters test files. One test at a time: each drives heavy
 * in-browser training and the machine may have two cores. The last line is "e2e: N passed,
 * N failed, N skipped in S s", which `npm test` totals. E2E_PORT picks the port.
 */
import { defineConfig } from '@playwright/test';
import { LAUNCH_OPTIONS } from './e2e/support/browser';

const PORT = Number(process.env.E2E_PORT ?? 4319);
const BASE_URL = `http://127.0.0.1:${PORT}/`;

export default defineConfig({
  testDir: 'e2e/tests',
  testMatch: '*.test.ts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  // Every test sets its own (test.setTimeout); starting a browser has its own (fixtures.ts).
  timeout: 60_000,
  reporter: [['list'], ['./e2e/support/summary-reporter.ts']],
  globalSetup: './e2e/support/global-setup.ts',
  use: {
    baseURL: BASE_URL,
    viewport: { width: 1280, height: 720 },
    headless: true,
    launchOptions: LAUNCH_OPTIONS,
  },
  webServer: {
    command: `node --import tsx e2e/support/prepare-build.ts && node node_modules/vite/bin/vite.js preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: BASE_URL,
    // Locally a preview already serving on the port is used as it is (no build).
    reuseExistingServer: !process.env.CI,
    // The build comes first.
    timeout: 10 * 60_000,
  },
});
