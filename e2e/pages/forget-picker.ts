/**
 * Page object for the forget-set picker: picks images on the grid (click, shift-click,
 * drag) and on the map (lasso), presses rule buttons, and reads the resolved set through
 * `window.__lab.forget()`.
 */
import type { Page } from '@playwright/test';
import type { ForgetSnapshot, SharedSnapshot } from '../../src/testing/lab-snapshot';

export class ForgetPicker {
  constructor(readonly page: Page) {}

  forget(): Promise<ForgetSnapshot> {
    return this.page.evaluate(() => window.__lab!.forget());
  }

  shared(): Promise<SharedSnapshot> {
    return this.page.evaluate(() => window.__lab!.shared());
  }

  async waitFor(predicate: (f: ForgetSnapshot) => boolean, timeoutMs = 30_000, what = 'the forget set'): Promise<ForgetSnapshot> {
    const deadline = Date.now() + timeoutMs;
    let last: ForgetSnapshot | null = null;
    while (Date.now() < deadline) {
      last = await this.forget();
      if (predicate(last)) return last;
      await this.page.waitForTimeout(100);
    }
    throw new Error(`Timed out waiting for ${what}; last: ${JSON.stringify({ ...last, indices: last?.indices.length })}`);
  }

  async rule(id: string): Promise<void> {
    await this.page.locator(`[data-rule="${id}"]`).click();
  }

  /** Centre of grid cell k (in the shown order, scrolled to the top), in page coordinates. */
  async cell(k: number): Promise<{ x: number; y: number }> {
    const grid = this.page.getByTestId('thumbnail-grid');
    await grid.scrollIntoViewIfNeeded();
    const box = (await grid.boundingBox())!;
    const width = await this.gridWidth();
    const thumb = 48;
    const pitch = thumb + 3;
    const cols = Math.max(1, Math.floor((width + 3) / pitch));
    const offsetX = Math.max(0, Math.floor((width - (cols * pitch - 3)) / 2));
    return { x: box.x + offsetX + (k % cols) * pitch + thumb / 2, y: box.y + Math.floor(k / cols) * pitch + thumb / 2 };
  }

  /** The grid's layout width, as ThumbnailGrid measures it (floored content box). */
  gridWidth(): Promise<number> {
    return this.page.getByTestId('thumbnail-grid').evaluate((el) => Math.floor(el.getBoundingClientRect().width - ((el as HTMLElement).offsetWidth - el.clientWidth)));
  }

  /** Columns of the grid at the medium thumbnail size. */
  async cols(): Promise<number> {
    return Math.max(1, Math.floor(((await this.gridWidth()) + 3) / 51));
  }

  async click(k: number, modifiers: ('Shift' | 'Alt')[] = []): Promise<void> {
    const { x, y } = await this.cell(k);
    for (const m of modifiers) await this.page.keyboard.down(m);
    await this.page.mouse.click(x, y);
    for (const m of modifiers) await this.page.keyboard.up(m);
  }

  async drag(from: number, to: number): Promise<void> {
    const a = await this.cell(from);
    const b = await this.cell(to);
    await this.page.mouse.move(a.x - 10, a.y - 10);
    await this.page.mouse.down();
    await this.page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 4 });
    await this.page.mouse.move(b.x + 10, b.y + 10, { steps: 4 });
    await this.page.mouse.up();
  }

  async openTab(name: RegExp): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
  }

  /** Draws a closed lasso through `points` given as fractions of the map's box. */
  async lasso(points: [number, number][]): Promise<void> {
    const box = (await this.page.getByTestId('pool-map').boundingBox())!;
    const at = ([fx, fy]: [number, number]) => ({ x: box.x + fx * box.width, y: box.y + fy * box.height });
    const first = at(points[0]);
    await this.page.mouse.move(first.x, first.y);
    await this.page.mouse.down();
    for (const p of [...points.slice(1), points[0]]) {
      const q = at(p);
      await this.page.mouse.move(q.x, q.y, { steps: 3 });
    }
    await this.page.mouse.up();
  }
}
