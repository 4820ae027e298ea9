/**
 * The e2e tests' `test`: Debian's Chromium on a fresh persistent profile (browser.ts),
 * launched with playwright.config.ts's launchOptions, baseURL and viewport, and the page
 * objects on its page.
 *
 * One browser serves the tests of a file, in order, as the old before/after hooks did (a
 * file's tests build on each other: mark such files serial); it is closed when the next
 * file starts or the worker ends. `test.use({ sessionScope: 'test' })` gives every test its
 * own. A change of `webgpu` or `viewport` (test.use in a describe) starts a new browser.
 */
import { test as base } from '@playwright/test';
import { ExperimentPage } from '../pages/experiment-page';
import { ForgetPicker } from '../pages/forget-picker';
import { LabPage } from '../pages/lab-page';
import { launch, type Session, type SessionOptions } from './browser';

export { expect } from '@playwright/test';
export type { Session } from './browser';

export interface LabOptions {
  /** Launch with --enable-unsafe-webgpu (SwiftShader on a GPU-less machine). */
  webgpu: boolean;
  /** 'file': the tests of a file share one browser; 'test': each test gets its own. */
  sessionScope: 'file' | 'test';
  /** Open the lab with these URL parameters when the browser starts (what a before hook did). */
  open: Record<string, string> | null;
}

export interface LabFixtures {
  /** The browser for this test: its page, and the page errors and console errors seen so far. */
  session: Session;
  lab: LabPage;
  experiment: ExperimentPage;
  picker: ForgetPicker;
  /** More browsers, each on its own fresh profile with the same options; closed after the test. */
  launchSession(options?: Pick<SessionOptions, 'webgpu' | 'viewport'>): Promise<Session>;
}

/** The one browser shared by the tests of the current file. */
class FileSessions {
  private current: { file: string; key: string; session: Session } | null = null;

  async get(file: string, key: string, start: () => Promise<Session>): Promise<Session> {
    if (this.current?.file === file && this.current.key === key) return this.current.session;
    await this.close();
    const session = await start();
    this.current = { file, key, session };
    return session;
  }

  /** Closes the browser of an earlier file as soon as a test of another file starts. */
  async leave(file: string): Promise<void> {
    if (this.current && this.current.file !== file) await this.close();
  }

  async close(): Promise<void> {
    const current = this.current;
    this.current = null;
    await current?.session.close();
  }
}

export const test = base.extend<LabOptions & LabFixtures & { leaveEarlierFile: void }, { fileSessions: FileSessions }>({
  webgpu: [false, { option: true }],
  sessionScope: ['file', { option: true }],
  open: [null, { option: true }],

  fileSessions: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
    async ({}, use) => {
      const sessions = new FileSessions();
      await use(sessions);
      await sessions.close();
    },
    { scope: 'worker', timeout: 30_000 },
  ],
  // Before every test, also those that launch their own browsers: an earlier file's is done.
  leaveEarlierFile: [
    async ({ fileSessions }, use, testInfo) => {
      await fileSessions.leave(testInfo.file);
      await use();
    },
    { auto: true, timeout: 30_000 },
  ],

  // Its own timeout: starting the browser (and opening the lab) does not use up the test's,
  // as a before hook's time did not.
  session: [
    async ({ fileSessions, sessionScope, webgpu, open, viewport, baseURL, launchOptions, headless }, use, testInfo) => {
      const options: SessionOptions = { webgpu, viewport, baseURL, launchOptions: { ...launchOptions, headless } };
      const start = async () => {
        const session = await launch(options);
        if (open) await new LabPage(session.page).open(open);
        return session;
      };
      if (sessionScope === 'test') {
        const session = await start();
        await use(session);
        await session.close();
      } else {
        await use(await fileSessions.get(testInfo.file, JSON.stringify([webgpu, viewport, open]), start));
      }
    },
    { timeout: 120_000 },
  ],
  page: async ({ session }, use) => use(session.page),
  lab: async ({ session }, use) => use(new LabPage(session.page)),
  experiment: async ({ session }, use) => use(new ExperimentPage(session.page)),
  picker: async ({ session }, use) => use(new ForgetPicker(session.page)),

  launchSession: async ({ viewport, baseURL, launchOptions, headless }, use) => {
    const launched: Session[] = [];
    await use(async (options = {}) => {
      const session = await launch({ viewport, baseURL, launchOptions: { ...launchOptions, headless }, ...options });
      launched.push(session);
      return session;
    });
    for (const session of launched) await session.close();
  },
});
