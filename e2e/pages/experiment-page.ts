/**
 * Page object for the experiment section: drives the run panel as a user does, and reads
 * the run and the results file through `window.__lab` (src/testing/lab-snapshot.ts).
 */
import type { Locator, Page } from '@playwright/test';
import type { ExperimentResults, ExperimentSnapshot } from '../../src/testing/lab-snapshot';

export class ExperimentPage {
  readonly section: Locator;
  readonly runButton: Locator;
  readonly cancelButton: Locator;
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.section = page.getByTestId('experiment-section');
    this.runButton = page.getByTestId('run-experiment');
    this.cancelButton = page.getByTestId('cancel-experiment');
    this.table = page.getByTestId('summary-table');
  }

  run(): Promise<ExperimentSnapshot> {
    return this.page.evaluate(() => window.__lab!.experimentRun());
  }

  results(): Promise<ExperimentResults | null> {
    return this.page.evaluate(() => window.__lab!.lastExperimentResults());
  }

  async update(change: Record<string, unknown>): Promise<void> {
    const problem = await this.page.evaluate((c) => window.__lab!.updateExperiment(c), change);
    if (problem) throw new Error(`updateExperiment refused: ${problem}`);
  }

  /** Ticks exactly these methods in the panel (by their labels' leading words). */
  async chooseMethods(labels: RegExp[]): Promise<void> {
    const boxes = this.section.getByRole('checkbox');
    // Tick the wanted ones first (the panel never lets the list go empty), then untick the rest.
    for (const l of labels) await this.section.getByRole('checkbox', { name: l }).check();
    const n = await boxes.count();
    for (let i = 0; i < n; i++) {
      const box = boxes.nth(i);
      const name = (await box.evaluate((el) => el.closest('label')?.textContent ?? '')) ?? '';
      if (!labels.some((l) => l.test(name)) && (await box.isChecked())) await box.uncheck();
    }
  }

  async setNumber(label: string, value: number): Promise<void> {
    const field = this.section.getByLabel(label, { exact: true });
    await field.fill(String(value));
    await field.press('Enter');
  }

  async waitFor(predicate: (s: ExperimentSnapshot) => boolean, timeoutMs: number, what: string): Promise<ExperimentSnapshot> {
    const deadline = Date.now() + timeoutMs;
    let last: ExperimentSnapshot | null = null;
    while (Date.now() < deadline) {
      last = await this.run().catch(() => null);
      if (last && predicate(last)) return last;
      await this.page.waitForTimeout(100);
    }
    throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; last: ${JSON.stringify(last && { status: last.status, progress: last.progress, methods: last.methods.length, error: last.error })}`);
  }

  /** The summary table's cells of one column, by method id (rows are shown in rank order). */
  async column(col: string): Promise<Record<string, string>> {
    const rows = this.table.locator('tbody tr[data-testid="summary-row"]');
    const out: Record<string, string> = {};
    for (let i = 0; i < (await rows.count()); i++) {
      const row = rows.nth(i);
      out[(await row.getAttribute('data-method'))!] = await row.locator(`td[data-col="${col}"]`).innerText();
    }
    return out;
  }

  /** The method ids of the table's rows, top to bottom. */
  async rowOrder(): Promise<string[]> {
    return this.table.locator('tbody tr[data-testid="summary-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-method') ?? ''));
  }

  /**
   * Pairs of chart texts (tick labels, annotations, legends) whose boxes overlap by more
   * than a pixel each way, per chart: what a reader sees as labels running together.
   */
  overlappingLabels(): Promise<string[]> {
    return this.page.evaluate(`(() => {
      const out = [];
      for (const card of document.querySelectorAll('[data-testid^="chart-"]')) {
        const boxes = [...card.querySelectorAll('svg text, ul li')]
          .map((el) => ({ text: (el.textContent || '').trim(), r: el.getBoundingClientRect() }))
          .filter((b) => b.text && b.r.width > 0 && b.r.height > 0);
        for (let i = 0; i < boxes.length; i++)
          for (let j = i + 1; j < boxes.length; j++) {
            const a = boxes[i].r, b = boxes[j].r;
            const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
            const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
            if (w > 1 && h > 1) out.push(card.dataset.testid + ': "' + boxes[i].text + '" × "' + boxes[j].text + '"');
          }
      }
      return out;
    })()`);
  }
}
