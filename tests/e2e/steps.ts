import { expect } from 'vitest';
import { consoleUrlOf } from '../../src/features/console/index.js';
import type { BrowserConsole } from '../support/browser.js';

/**
 * The steps of a secretary's day in the console, each as a person does it in the browser: clicks, typing,
 * pressing buttons. A test is a list of steps; a new page of the console adds its steps here.
 */

/** Sends /console in the terminal chat as `name`, opens the link the bot answers with, presses the button. */
export async function signIn(b: BrowserConsole, name: string, shot?: string): Promise<string> {
  const reply = (await b.h.chat(name, '/console')).join('\n');
  const link = /https?:\/\/\S+?\/console\/signin\/[\w-]+/.exec(reply)?.[0];
  expect(link, reply).toBeDefined();
  expect(link!.startsWith(`${consoleUrlOf(b.h.tb.config)}/console/signin/`)).toBe(true);
  // The link names CONSOLE_URL, the public address; this test's console listens on a port of its own.
  const url = new URL(new URL(link!).pathname, b.origin).href;
  await b.open(url);
  if (shot) await b.shot(shot);
  await b.page.getByRole('button', { name: '登录', exact: true }).click();
  await b.page.waitForURL(`${b.origin}/console/`);
  return url;
}

/** The home page: the signed-in person's name in the greeting and the header. */
export async function expectHome(b: BrowserConsole, name: string): Promise<void> {
  await expect.poll(() => b.page.locator('h1').textContent()).toContain(name);
  expect(await b.page.locator('form.who span').textContent()).toBe(name);
}

/** The header's language link: the page comes back in the other language. */
export async function switchLanguage(b: BrowserConsole, to: 'en' | 'zh-CN'): Promise<void> {
  await b.page.getByRole('link', { name: to === 'en' ? 'English' : '中文', exact: true }).click();
  await b.page.waitForURL(`${b.origin}/console/`);
  expect(await b.page.locator('html').getAttribute('lang')).toBe(to);
}

/** The header's sign-out button, in either language. */
export async function signOut(b: BrowserConsole): Promise<void> {
  await b.page.locator('form.who button[type="submit"]').click();
  await b.page.waitForURL(`${b.origin}/console/signed-out`);
}

/** A signed-in page asked for without a session: refused (401) with how to get a new link. */
export async function expectRefused(b: BrowserConsole, path: string): Promise<void> {
  b.expectStatus(path, 401);
  const res = await b.open(path);
  expect(res?.status()).toBe(401);
  expect(await b.page.locator('main').textContent()).toContain('/console（控制台）');
}
