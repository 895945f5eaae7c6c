import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page, type Response } from 'playwright-core';
import { startConsole, type ConsoleHarness } from './console.js';
import type { TestBot } from './bot.js';
import type { ConsoleSection } from '../../src/console/context.js';

/**
 * The console in a real headless browser: Debian's chromium driven by playwright-core, against the console
 * served on a real port by a test bot. Nothing is downloaded: without a chromium binary the browser tests are
 * skipped, unless CHROMIUM_PATH names one (CI installs it and names it, see .ci/run): then a missing binary fails.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const noChromium: string | undefined = process.env.CHROMIUM_PATH || existsSync(CHROMIUM_PATH)
  ? undefined
  : `no chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH): browser tests skipped`;
if (noChromium) console.warn(noChromium);

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');

// A browser that talks to nobody but the console: no updates, sync, QUIC or first-run pages in the way.
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const LAPTOP = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };

export interface BrowserConsole {
  /** The test bot and the in-process harness behind the browser (chat, signIn for setup, the database). */
  h: ConsoleHarness;
  /** http://127.0.0.1:<port>, where the console listens. */
  origin: string;
  context: BrowserContext;
  page: Page;
  /** Opens a console path (or a whole URL) in the page; the response of the document. */
  open(pathOrUrl: string): Promise<Response | null>;
  /** Until the next takeProblems, `path` may answer with this status (a refused page) without counting as a problem. */
  expectStatus(path: string, status: number): void;
  /** A full-page screenshot of what the page shows now, under test-results/screenshots/<suite>/<name>.png. */
  shot(name: string): Promise<string>;
  /** Console errors, page errors, failed requests and error responses seen since the last call; clears them. */
  takeProblems(): string[];
  close(): Promise<void>;
}

/** `suite` names the screenshots' folder (one per test file). */
export async function startBrowserConsole(suite: string, opts: { tb?: TestBot; sections?: ConsoleSection[]; viewport?: { width: number; height: number } } = {}): Promise<BrowserConsole> {
  const h = await startConsole({ ...(opts.tb ? { tb: opts.tb } : {}), ...(opts.sections ? { sections: opts.sections } : {}) });
  const port = await h.server.listen();
  const origin = `http://127.0.0.1:${port}`;
  const profile = mkdtempSync(join(tmpdir(), 'console-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH, headless: true, args: ARGS, viewport: opts.viewport ?? LAPTOP, locale: 'zh-CN', timeout: 30_000,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(10_000);
  const shots = join(SCREENSHOTS, suite);
  mkdirSync(shots, { recursive: true });
  const watch = watchProblems(page, origin);
  return {
    h, origin, context, page,
    open: (pathOrUrl) => page.goto(pathOrUrl.startsWith('http') ? pathOrUrl : `${origin}${pathOrUrl}`),
    expectStatus: watch.expect,
    async shot(name) {
      const file = join(shots, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    takeProblems: watch.take,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
      await h.close();
    },
  };
}

/**
 * Everything that shows a page is not working as written: a script or style the CSP blocked, a script error, an
 * asset that did not load. A refused page the test expects (`expect`) is not a problem.
 */
function watchProblems(page: Page, origin: string): { expect(path: string, status: number): void; take(): string[] } {
  let problems: string[] = [];
  let expected: { url: string; status: number }[] = [];
  const isExpected = (url: string, status: number) => expected.some((e) => e.url === url && e.status === status);
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    // Chromium reports every error response as a console error too; the response handler decides about those.
    const status = /status of (\d{3})/.exec(msg.text());
    if (status && isExpected(msg.location().url, Number(status[1]))) return;
    problems.push(`console: ${msg.text()} (${msg.location().url})`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => {
    const error = req.failure()?.errorText ?? '';
    // A script's fetch still under way when the page is left (a live preview as the form is submitted) is cut off
    // by the browser: not a fault of the page. On a busy machine it happens often enough to fail a run.
    if (error === 'net::ERR_ABORTED' && ['fetch', 'xhr'].includes(req.resourceType())) return;
    problems.push(`request failed: ${req.url()} ${error}`);
  });
  page.on('response', (res) => {
    if (res.status() < 400 || isExpected(res.url(), res.status())) return;
    problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  return {
    expect: (path, status) => expected.push({ url: path.startsWith('http') ? path : `${origin}${path}`, status }),
    take: () => {
      const seen = problems;
      problems = [];
      expected = [];
      return seen;
    },
  };
}
