/**
 * Prints, last, the line scripts/test-all.sh totals: "e2e: N passed, N failed, N skipped in
 * S s" (S counts from the start, build included). Failed counts failed, timed-out and
 * interrupted tests and those that never ran; a run that failed outside any test (the web
 * server, global setup, a file that does not load) counts as one failure. Playwright's own
 * exit status is non-zero on any of these.
 */
import type { FullResult, Reporter, Suite } from '@playwright/test/reporter';

export default class SummaryReporter implements Reporter {
  private readonly started = Date.now();
  private suite: Suite | undefined;

  onBegin(_config: unknown, suite: Suite): void {
    this.suite = suite;
  }

  onEnd(result: FullResult): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const test of this.suite?.allTests() ?? []) {
      const status = test.results.at(-1)?.status;
      if (status === 'skipped') skipped++;
      else if (status === test.expectedStatus) passed++;
      else failed++;
    }
    if (result.status !== 'passed' && failed === 0) failed = 1;
    const seconds = ((Date.now() - this.started) / 1000).toFixed(0);
    console.log(`e2e: ${passed} passed, ${failed} failed, ${skipped} skipped in ${seconds} s`);
  }
}
