// Chromium (Debian's, driven by playwright-core) on the VS Code web workbench, and the page-level
// steps of the suite. Selectors are those of VS Code 1.139; the ones known to be flaky on a busy
// machine (explorer double-click, hover, lightbulb) are retried, nothing else is.
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { join } from 'node:path';
import { CHROMIUM, ensureDir } from './env';
import { CHILD_MARK, CHILD_MARK_VAR, markedProcesses, pollUntil, registerGroup } from './procs';

export const VIEWPORT = { width: 1200, height: 800 };

/** Flags this closed network needs (no background traffic), and DNS for 127.0.0.1 only. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
];

export async function launchChromium(root: string): Promise<BrowserContext> {
  const home = ensureDir(join(root, 'home'));
  const profile = ensureDir(join(root, 'profile'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: VIEWPORT,
    timeout: 120_000,
    // Chromium writes crash reports and dconf caches under HOME/XDG even with its own profile.
    env: {
      ...process.env,
      HOME: home,
      XDG_CONFIG_HOME: ensureDir(join(home, '.config')),
      XDG_CACHE_HOME: ensureDir(join(home, '.cache')),
      [CHILD_MARK_VAR]: CHILD_MARK,
    },
  });
  // Chromium's helpers do not inherit the mark: remember the browser's process group (playwright
  // starts it as a group leader) so the teardown and run.sh find them all.
  for (const p of markedProcesses()) {
    if (p.pid === p.pgid && p.cmd.includes(`--user-data-dir=${profile}`)) registerGroup(p.pgid);
  }
  return context;
}

/** Retries a step that is known to miss now and then on a loaded machine. */
export async function retry<T>(what: string, attempts: number, step: (attempt: number) => Promise<T>): Promise<T> {
  let last: unknown;
  for (let i = 1; i <= attempts; i++) {
    try {
      return await step(i);
    } catch (err) {
      last = err;
      if (i < attempts) console.log(`  retrying ${what} (attempt ${i} failed: ${String(err instanceof Error ? err.message : err).split('\n')[0]})`);
    }
  }
  throw last;
}

export class Workbench {
  constructor(readonly page: Page) {}

  async open(url: string, folder: string): Promise<void> {
    await this.page.goto(`${url}/?folder=${encodeURIComponent(folder)}`, { timeout: 120_000 });
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 120_000 });
  }

  explorerRow(name: string): Locator {
    return this.page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${name}"]`);
  }

  /** The editor of the active editor group. */
  editor(): Locator {
    return this.page.locator('.editor-group-container.active .monaco-editor').first();
  }

  /** Squiggles of the active editor (one element per line a diagnostic covers). */
  squiggles(): Locator {
    return this.editor().locator('.squiggly-error, .squiggly-warning, .squiggly-info');
  }

  async showProblems(): Promise<void> {
    const panel = this.page.locator('.markers-panel');
    if (await panel.isVisible()) return;
    await this.page.keyboard.press('Control+Shift+M');
    await panel.waitFor({ state: 'visible', timeout: 30_000 });
  }

  /** The Problems panel's marker rows, as text ("message rampart(rule) [Ln 3, Col 1]"). */
  async problemRows(): Promise<string[]> {
    const rows = this.page.locator('.markers-panel .monaco-list-row');
    return (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  }

  /**
   * Waits until the Problems panel's rows satisfy `pred` (it re-renders lazily). The list only
   * renders the rows in view, so the panel is maximized meanwhile: room for every row of the
   * fixtures, however many languages they cover.
   */
  async waitProblems(what: string, pred: (rows: string[]) => boolean, ms: number): Promise<string[]> {
    let rows: string[] = [];
    const ok = await this.withPanelMaximized(() => pollUntil(async () => pred((rows = await this.problemRows())), ms, 200));
    if (!ok) throw new Error(`Problems panel: timed out after ${ms / 1000} s waiting for ${what}; rows: ${JSON.stringify(rows)}`);
    return rows;
  }

  private panelMaximizeButton(): Locator {
    return this.page.locator('[id="workbench.parts.panel"] a.action-label.codicon-panel-maximize, [id="workbench.parts.panel"] a.action-label.codicon-panel-restore').first();
  }

  private async setPanelMaximized(on: boolean): Promise<void> {
    const button = this.panelMaximizeButton();
    const pressed = async () => (await button.getAttribute('aria-pressed')) === 'true';
    if ((await pressed()) === on) return;
    await button.click();
    if (!(await pollUntil(async () => (await pressed()) === on, 10_000))) throw new Error(`the panel did not ${on ? 'maximize' : 'restore'}`);
  }

  async withPanelMaximized<T>(fn: () => Promise<T>): Promise<T> {
    await this.setPanelMaximized(true);
    try {
      return await fn();
    } finally {
      await this.setPanelMaximized(false);
    }
  }

  /** Rendered lines of the active editor, in order (only rendered lines are in the DOM). */
  async editorLines(): Promise<string[]> {
    return this.editor()
      .locator('.view-lines .view-line')
      .evaluateAll((els) =>
        els
          .map((e) => ({ top: parseFloat((e as unknown as { style: { top: string } }).style.top || '0'), text: (e.textContent ?? '').replace(/\u00a0/g, ' ') }))
          .sort((a, b) => a.top - b.top)
          .map((l) => l.text),
      );
  }

  /** The text cursor's box in the active editor (the probe put it where it is needed). */
  async cursorBox(): Promise<{ x: number; y: number; width: number; height: number }> {
    const cursor = this.editor().locator('.cursors-layer .cursor').first();
    await cursor.waitFor({ state: 'attached', timeout: 15_000 });
    let box = await cursor.boundingBox();
    await pollUntil(async () => !!(box = await cursor.boundingBox()) && box.height > 0, 5000);
    if (!box) throw new Error('no text cursor in the active editor');
    return box;
  }

  hoverWidget(): Locator {
    return this.page.locator('.monaco-hover:visible, .monaco-resizable-hover:visible').filter({ hasText: /\S/ }).first();
  }

  /** Moves the mouse over the text just right of the cursor and waits for the hover to show `text`. */
  async hoverAtCursor(text: string): Promise<Locator> {
    return retry('hover', 3, async () => {
      await this.page.mouse.move(5, 5);
      await this.hoverWidget().waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
      const box = await this.cursorBox();
      // Two steps, so the editor sees a real mouse move inside its text.
      await this.page.mouse.move(box.x + 6, box.y + box.height / 2 - 2);
      await this.page.mouse.move(box.x + 8, box.y + box.height / 2);
      const hover = this.page.locator('.monaco-hover:visible, .monaco-resizable-hover:visible').filter({ hasText: text }).first();
      await hover.waitFor({ state: 'visible', timeout: 10_000 });
      return hover;
    });
  }

  lightbulb(): Locator {
    // In the text when the line has room for it (indented code), else in the gutter
    // (`codicon-gutter-lightbulb…` glyph margin decoration).
    return this.editor().locator('.lightBulbWidget:visible, .glyph-margin-widgets [class*="codicon-gutter-lightbulb"]:visible').first();
  }

  codeActionMenu(): Locator {
    // `.action-widget` also matches an empty submenu panel: take the one with rows.
    return this.page.locator('.action-widget').filter({ has: this.page.locator('.monaco-list-row') }).first();
  }

  /** Clicks the lightbulb at the cursor's line and waits for the code action menu. */
  async openLightbulbMenu(): Promise<Locator> {
    return retry('lightbulb', 3, async (attempt) => {
      await this.page.keyboard.press('Escape');
      await this.page.mouse.move(5, 5);
      const bulb = this.lightbulb();
      await bulb.waitFor({ state: 'visible', timeout: attempt === 1 ? 15_000 : 8_000 });
      // A real click where it is drawn: the gutter icon is a decoration under the margin's
      // mouse layer, so an element click would be refused as covered.
      const box = await bulb.boundingBox();
      if (!box) throw new Error('the lightbulb has no box');
      await this.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      const menu = this.codeActionMenu();
      await menu.waitFor({ state: 'visible', timeout: 10_000 });
      return menu;
    });
  }

  menuItem(menu: Locator, title: string): Locator {
    return menu.locator('.monaco-list-row').filter({ hasText: title }).first();
  }

  async statusProblems(): Promise<string | null> {
    return this.page.locator('[id="status.problems"]').first().getAttribute('aria-label');
  }
}
