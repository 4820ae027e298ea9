/**
 * Page object for the lab: drives the page the way a user does (labels, buttons, file
 * input) and reads numbers through the `window.__lab` test handle, so the tests say what
 * they check and not how the DOM is built.
 */
import type { Locator, Page } from '@playwright/test';
import type { ClassifierResult, LabSnapshot } from '../../src/testing/lab-snapshot';

export class LabPage {
  readonly badge: Locator;
  readonly trainButton: Locator;
  readonly cancelButton: Locator;
  readonly messages: Locator;
  readonly canvas: Locator;

  constructor(readonly page: Page) {
    this.badge = page.getByTestId('backend-badge');
    this.trainButton = page.getByTestId('train-button');
    this.cancelButton = page.getByTestId('cancel-button');
    this.messages = page.getByTestId('message');
    this.canvas = page.getByTestId('thumbnail-canvas');
  }

  /** Opens the lab (the config's baseURL) with URL parameters and waits for the first dataset to be shown. */
  async open(params: Record<string, string> = {}): Promise<void> {
    const query = new URLSearchParams(params).toString();
    await this.page.goto(query ? `/?${query}` : '/');
    await this.waitFor((s) => s.datasetStatus === 'ready' && s.grid.drawn > 0, 60_000);
  }

  snapshot(): Promise<LabSnapshot> {
    return this.page.evaluate(() => window.__lab!.snapshot());
  }

  lastResult(): Promise<ClassifierResult | null> {
    return this.page.evaluate(() => window.__lab!.lastResult());
  }

  /** Waits until `predicate(snapshot)` holds; the predicate runs in Node, polled every 100 ms. */
  async waitFor(predicate: (s: LabSnapshot) => boolean, timeoutMs = 30_000, what = 'condition'): Promise<LabSnapshot> {
    const deadline = Date.now() + timeoutMs;
    let last: LabSnapshot | null = null;
    while (Date.now() < deadline) {
      last = await this.snapshot().catch(() => null);
      if (last && predicate(last)) return last;
      await this.page.waitForTimeout(100);
    }
    const brief = last && { backend: last.backend?.active, dataset: last.datasetStatus, run: last.runStatus, history: last.history.length, messages: last.messages.map((m) => m.text) };
    throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; last state: ${JSON.stringify(brief)}`);
  }

  waitForBackend(timeoutMs = 60_000): Promise<LabSnapshot> {
    return this.waitFor((s) => s.backendStatus === 'ready', timeoutMs, 'the backend');
  }

  async chooseSyntheticSize(trainSize: number): Promise<void> {
    await this.page.getByLabel('Training images', { exact: true }).selectOption(String(trainSize));
    await this.waitFor((s) => s.datasetStatus === 'ready' && s.dataset?.trainSize === trainSize, 60_000, `${trainSize} images`);
  }

  async chooseModel(label: RegExp): Promise<void> {
    await this.page.getByRole('radio', { name: label }).check();
  }

  /** Types into a number field and commits it (as a user would, with Enter). */
  async setNumber(label: string, value: number): Promise<void> {
    const field = this.page.getByLabel(label, { exact: true });
    await field.fill(String(value));
    await field.press('Enter');
  }

  async filterClass(name: string): Promise<void> {
    await this.page.getByRole('group', { name: 'Show only one class' }).getByRole('button', { name: new RegExp(`^${name}\\b`) }).click();
  }

  async uploadFiles(files: { name: string; buffer: Buffer }[] | string[]): Promise<void> {
    const input = this.page.getByTestId('cifar-file-input');
    await input.setInputFiles(files as Parameters<Locator['setInputFiles']>[0]);
  }

  /**
   * Samples the grid canvas in the page: how many of the sampled pixels are not the empty
   * background, and how many distinct colours they have (a blank or flat canvas has ~1).
   */
  canvasStats(): Promise<{ width: number; height: number; sampled: number; nonBlank: number; colours: number }> {
    return this.page.getByTestId('thumbnail-canvas').evaluate((el) => {
      const canvas = el as HTMLCanvasElement;
      const ctx = canvas.getContext('2d')!;
      const { width, height } = canvas;
      const data = ctx.getImageData(0, 0, width, height).data;
      const colours = new Set<number>();
      let sampled = 0;
      let nonBlank = 0;
      for (let y = 0; y < height; y += 7) {
        for (let x = 0; x < width; x += 7) {
          const o = (y * width + x) * 4;
          sampled++;
          if (data[o + 3] > 0) {
            nonBlank++;
            colours.add((data[o] << 16) | (data[o + 1] << 8) | data[o + 2]);
          }
        }
      }
      return { width, height, sampled, nonBlank, colours: colours.size };
    });
  }
}
