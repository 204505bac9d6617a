// Driving the VS Code workbench in Debian's headless Chromium with playwright-core (never a downloaded browser).
// The selectors and workarounds here were found against VS Code 1.100 (code-server 4.100.3).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ROOT, type CodeServer } from './code-server';
import { SUITE_BANNER } from './suite/banner';

const started = Date.now();
export const log = (...args: unknown[]): void => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s]`, ...args);

export interface Browser {
  readonly page: Page;
  close(): Promise<void>;
}

/** A fresh Chromium profile whose only reachable host is loopback: anything else is aborted and logged. */
export async function launchBrowser(executablePath: string): Promise<Browser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlint-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      chromiumSandbox: false,
      viewport: { width: 1280, height: 800 },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  } catch (error) {
    fs.rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  await context.route(
    (url) => !/^(https?|wss?):\/\/(127\.0\.0\.1|localhost)[:/]/.test(url.href) && !/^(data|blob):/.test(url.href),
    (route) => {
      log('blocked a request off this machine:', route.request().url());
      return route.abort();
    },
  );
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    page,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * The extension under test: this working tree, or LAYERLINT_EXTENSION_DIR (e.g. an unpacked .vsix, or a copy
 * with a deliberate bug to see the suites catch it).
 */
const EXTENSION_DIR = path.resolve(process.env.LAYERLINT_EXTENSION_DIR || ROOT);

/**
 * Opens the workbench on `folder` with the extension loaded as a development extension (no .vsix);
 * with `testsModule`, VS Code also runs that module's run() in the extension host, as the desktop test
 * runner does. Paths are on the code-server machine, addressed through the remote authority.
 */
export async function openWorkbench(page: Page, server: CodeServer, folder: string, testsModule?: string): Promise<void> {
  const authority = new URL(server.url).host;
  const payload = [['extensionDevelopmentPath', `vscode-remote://${authority}${EXTENSION_DIR}`]];
  if (testsModule) payload.push(['extensionTestsPath', `vscode-remote://${authority}${testsModule}`]);
  const query = new URLSearchParams({ folder, payload: JSON.stringify(payload) });
  await page.goto(`${server.url}/?${query}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
}

/**
 * Runs the integration suite in the extension host. The workbench reports the result through
 * window.codeAutomationExit(code) and the extension host's console through window.codeAutomationLog.
 */
export async function runExtensionTests(page: Page, server: CodeServer, folder: string, testsModule: string, timeoutMs: number): Promise<number> {
  let finish: (code: number) => void = () => {};
  const exited = new Promise<number>((resolve) => (finish = resolve));
  let started = false;
  const workbenchChatter: string[] = [];
  await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
    const parts = [...args];
    // Console styling: "%c<text>", "<css>" → "<text>".
    if (typeof parts[0] === 'string' && parts[0].startsWith('%c')) parts.splice(0, 2, parts[0].slice(2).trimStart());
    const line = format(...parts);
    started ||= line === SUITE_BANNER;
    if (started) console.log(line);
    else workbenchChatter.push(line);
  });
  await page.exposeFunction('codeAutomationExit', (code: number) => finish(code));
  await openWorkbench(page, server, folder, testsModule);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<number>((resolve) => {
    timer = setTimeout(() => {
      console.error(`the integration suite did not finish within ${timeoutMs / 1000} s`);
      resolve(2);
    }, timeoutMs);
  });
  const code = await Promise.race([exited, timeout]);
  clearTimeout(timer);
  if (!started) console.error(`the suite never started; the workbench said:\n${workbenchChatter.join('\n')}`);
  return code;
}

export async function screenshot(page: Page, dir: string, name: string): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file });
  log('screenshot', path.relative(ROOT, file));
}

/** Double-clicks a top-level file in the Explorer, which opens it pinned rather than as a preview. */
export async function openFile(page: Page, name: string): Promise<void> {
  await page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${name}"]`).dblclick();
  await page.waitForSelector('.monaco-editor .view-lines .view-line');
}

/**
 * The slice of the DOM the page functions below use. The project compiles without the DOM library, so that
 * no Node code can reach for browser globals by mistake; page functions cast globalThis to this instead.
 */
interface PageElement {
  readonly style: { readonly top: string };
  readonly textContent: string | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
}
interface PageText {
  readonly data: string;
}
interface PageDocument {
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
  createTreeWalker(root: PageElement, whatToShow: number): { nextNode(): PageText | null };
  createRange(): {
    setStart(node: PageText, offset: number): void;
    setEnd(node: PageText, offset: number): void;
    getBoundingClientRect(): { left: number; top: number; width: number; height: number };
  };
}

/**
 * The centre of the `nth` visible occurrence of `word` in the editor. TextMate token spans often hold
 * several words ("    layers.Dropout"), so the word is measured with a DOM Range, not by its span.
 */
async function wordCenter(page: Page, word: string, nth = 0): Promise<{ x: number; y: number }> {
  const found = await page.evaluate(
    ([word, nth]) => {
      const dom = (globalThis as unknown as { document: PageDocument }).document;
      const root = dom.querySelector('.monaco-editor .view-lines');
      if (!root) return null;
      const lines = [...root.querySelectorAll('.view-line')].sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
      let seen = 0;
      for (const line of lines) {
        const walker = dom.createTreeWalker(line, 4 /* NodeFilter.SHOW_TEXT */);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (let i = node.data.indexOf(word); i >= 0; i = node.data.indexOf(word, i + 1)) {
            if (seen++ < nth) continue;
            const range = dom.createRange();
            range.setStart(node, i);
            range.setEnd(node, i + word.length);
            const box = range.getBoundingClientRect();
            return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
          }
        }
      }
      return null;
    },
    [word, nth] as const,
  );
  if (!found) throw new Error(`"${word}" is not visible in the editor`);
  return found;
}

/** The visible editor lines in order (Monaco renders only the viewport), with its no-break spaces as spaces. */
function editorText(page: Page): Promise<string> {
  return page.evaluate(() =>
    [...(globalThis as unknown as { document: PageDocument }).document.querySelectorAll('.monaco-editor .view-lines .view-line')]
      .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
      .map((line) => (line.textContent ?? '').replace(/\u00a0/g, ' '))
      .join('\n'),
  );
}

/** Waits until the visible editor lines read `expected` (trailing newline aside: Monaco shows it as an empty line). */
export async function waitForEditorText(page: Page, expected: string, timeoutMs = 20_000): Promise<void> {
  const want = expected.replace(/\n$/, '');
  const deadline = Date.now() + timeoutMs;
  let shown = await editorText(page);
  while (shown.replace(/\n$/, '') !== want && Date.now() < deadline) {
    await page.waitForTimeout(100);
    shown = await editorText(page);
  }
  assert.equal(shown.replace(/\n$/, ''), want);
}

export const squiggle = (page: Page, severity: 'error' | 'warning' | 'info' | 'hint') =>
  page.locator(`.monaco-editor .squiggly-${severity}`);

/** Opens the Problems panel if needed and returns the aria-label of each marker row whose label contains `text`. */
export async function problems(page: Page, text: string): Promise<string[]> {
  if (!(await page.locator('.markers-panel').isVisible())) await page.keyboard.press('Control+Shift+M');
  const rows = page.locator(`.markers-panel .monaco-list-row[aria-label*=${JSON.stringify(text)}]`);
  await rows.first().waitFor({ timeout: 20_000 });
  return rows.evaluateAll((elements) => elements.map((e) => e.getAttribute('aria-label') ?? ''));
}

/** Moves the mouse onto `word` and returns the hover's text once it contains `expect`. */
export async function hover(page: Page, word: string, expect: string | RegExp): Promise<string> {
  const { x, y } = await wordCenter(page, word);
  await page.mouse.move(x - 4, y);
  await page.mouse.move(x, y);
  const widget = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content').filter({ hasText: expect });
  await widget.first().waitFor({ timeout: 20_000 });
  await page.waitForTimeout(400); // the widget fades in; a screenshot taken earlier shows it half transparent
  return (await widget.first().innerText()).trim();
}

export async function dismissHover(page: Page): Promise<void> {
  await page.mouse.move(5, 400);
  await page.keyboard.press('Escape');
}

/**
 * Puts the cursor on `word`, waits for the lightbulb, opens its menu with Ctrl+. and returns the titles it
 * offers. (Clicking the lightbulb scrolls the editor under the sticky header in this workbench.)
 */
export async function openQuickFix(page: Page, word: string): Promise<string[]> {
  const { x, y } = await wordCenter(page, word);
  await page.mouse.click(x, y);
  await page.locator('.monaco-editor .lightBulbWidget').waitFor({ timeout: 20_000 });
  await page.keyboard.press('Control+.');
  const rows = page.locator('.action-widget .monaco-list-row.action');
  await rows.first().waitFor({ timeout: 20_000 });
  return rows.evaluateAll((elements) => elements.map((e) => e.getAttribute('aria-label') ?? ''));
}

/**
 * Chooses the open menu's entry whose title matches `title` with the keyboard, as a person would with the
 * arrow keys: an invisible .context-view-pointerBlock overlay swallows mouse clicks on this menu.
 */
export async function chooseQuickFix(page: Page, title: RegExp, titles: readonly string[]): Promise<void> {
  if (!titles.some((t) => title.test(t))) throw new Error(`no quick fix matching ${title} in ${JSON.stringify(titles)}`);
  for (let i = 0; i <= titles.length; i++) {
    const focused = await page.locator('.action-widget .monaco-list-row.focused').getAttribute('aria-label');
    if (focused !== null && title.test(focused)) break;
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
  await page.locator('.action-widget').waitFor({ state: 'hidden', timeout: 10_000 });
}
