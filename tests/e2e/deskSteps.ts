import { expect } from 'vitest';
import type { BrowserConsole } from '../support/browser.js';
import { openSection } from './journey.js';

/**
 * The help desk and thought report pages as a secretary uses them: from the navigation to the queue, a
 * request's page and its buttons; a quarter's reports and the reply box. Each step reads what the page says after.
 */

const main = (b: BrowserConsole) => b.page.locator('main').textContent();

/** 求助台 → the request's number in the queue → its page. */
export async function openRequest(b: BrowserConsole, id: number): Promise<void> {
  await openSection(b, '求助台');
  await b.page.locator('table.help-queue').getByRole('link', { name: `求助 ${id}`, exact: true }).click();
  await expect.poll(() => b.page.locator('h1').textContent()).toContain(`求助 ${id}`);
}

/** On the request's page: 由我接办, then the state says it is being worked on. */
export async function takeRequest(b: BrowserConsole): Promise<void> {
  await b.page.getByRole('button', { name: '由我接办', exact: true }).click();
  await expect.poll(() => b.page.locator('td.help-status').textContent()).toBe('办理中');
}

/** 加备注: the note shows in the history. */
export async function addNote(b: BrowserConsole, note: string): Promise<void> {
  await b.page.locator('#help-note').fill(note);
  await b.page.getByRole('button', { name: '加备注', exact: true }).click();
  await expect.poll(() => b.page.locator('ol.help-history').textContent()).toContain(note);
}

/** 标记已解决: the page asks once more (data-confirm), the person agrees, the member is asked to confirm. */
export async function resolveRequest(b: BrowserConsole): Promise<void> {
  b.page.once('dialog', (d) => void d.accept());
  await b.page.getByRole('button', { name: '标记已解决', exact: true }).click();
  await expect.poll(() => b.page.locator('td.help-status').textContent()).toBe('已解决，等党员确认');
  expect(await main(b)).toContain('已请党员确认');
}

/** 思想汇报 → the member's report → a reply typed in its box and sent; the page says it went. */
export async function answerThoughtReport(b: BrowserConsole, member: string, text: string): Promise<void> {
  await openSection(b, '思想汇报');
  const card = b.page.locator('article.thought-report', { hasText: member });
  await card.locator('textarea').fill(text);
  await card.getByRole('button', { name: '发送回复', exact: true }).click();
  await expect.poll(() => main(b)).toContain(`已把回复转给 ${member}`);
  await expect.poll(() => b.page.locator('article.thought-report', { hasText: member }).textContent()).toContain(text);
}
