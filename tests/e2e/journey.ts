import { expect } from 'vitest';
import type { BrowserConsole } from '../support/browser.js';

/**
 * The steps of setting up a branch in the console, as a person does them: open the page from the navigation,
 * fill the form, press its button, read what the page says afterwards.
 */

/** Opens a section from the header's navigation, as a person would, rather than typing its address. */
export async function openSection(b: BrowserConsole, label: string): Promise<void> {
  await b.page.locator('nav.sections').getByRole('link', { name: label, exact: true }).click();
  await b.page.waitForLoadState('domcontentloaded');
}

/** The organisation tree → the parent's page → 新建下级组织. */
export async function createBranch(b: BrowserConsole, parent: string, name: string): Promise<void> {
  await openSection(b, '组织架构');
  await b.page.getByRole('link', { name: parent, exact: true }).first().click();
  await b.page.locator('#child-name').fill(name);
  await b.page.locator('#child-kind').selectOption('branch');
  await b.page.getByRole('button', { name: '新建', exact: true }).click();
  await expect.poll(() => b.page.locator('main').textContent()).toContain(name);
}

/** 人员与角色 → 授予角色: a new person by name and phone, as liaison of an organisation chosen by name. */
export async function grantLiaison(b: BrowserConsole, name: string, phone: string, org: string): Promise<void> {
  await openSection(b, '人员与角色');
  await b.page.locator('#grant-name').fill(name);
  await b.page.locator('#grant-phone').fill(phone);
  await b.page.locator('#grant-role').selectOption('liaison');
  await selectByText(b, '#grant-org', org);
  await b.page.getByRole('button', { name: '授予', exact: true }).click();
  await expect.poll(() => b.page.locator('main').textContent()).toContain('已授予角色');
  const row = b.page.locator('tr', { hasText: name });
  await expect.poll(() => row.textContent()).toContain('联络员');
}

/** 导入花名册: choose the branch and the file, preview, confirm; returns the result page's text. */
export async function importRoster(b: BrowserConsole, org: string, file: string): Promise<string> {
  await openSection(b, '花名册导入');
  await selectByText(b, '#roster-org', org);
  await b.page.locator('#roster-file').setInputFiles(file);
  await b.page.getByRole('button', { name: '上传并预览', exact: true }).click();
  const apply = b.page.getByRole('button', { name: /^确认导入/ });
  await apply.waitFor({ timeout: 30_000 });
  // The apply form asks once more in a dialog (data-confirm): the person agrees.
  b.page.once('dialog', (d) => void d.accept());
  await apply.click();
  await expect.poll(() => b.page.locator('main').textContent(), { timeout: 30_000 }).toContain('再导入一份花名册');
  return (await b.page.locator('main').textContent()) ?? '';
}

/** 党员名单 → search by pinyin initials (as a secretary types on a laptop) → the member's name → the record. */
export async function openRecord(b: BrowserConsole, initials: string, name: string): Promise<void> {
  await openSection(b, '党员名单');
  await b.page.locator('#mf-q').fill(initials);
  await b.page.locator('#mf-q').press('Enter');
  await b.page.waitForLoadState('domcontentloaded');
  await b.page.locator('main table').getByRole('link', { name, exact: true }).click();
  await expect.poll(() => b.page.locator('h1').textContent()).toContain(name);
}

/** On the record: 记录联系 → how and a note → the timeline shows it. */
export async function logContact(b: BrowserConsole, note: string): Promise<void> {
  await b.page.locator('summary', { hasText: '记录联系' }).click();
  await b.page.locator('#contact-kind').selectOption('call');
  await b.page.locator('#contact-note').fill(note);
  await b.page.locator('#contact-note').locator('xpath=ancestor::form').locator('button[type="submit"]').click();
  await b.page.waitForLoadState('domcontentloaded');
  await expect.poll(() => b.page.locator('main').textContent()).toContain(note);
}

async function selectByText(b: BrowserConsole, selector: string, text: string): Promise<void> {
  const options = await b.page.locator(`${selector} option`).evaluateAll((os) => os.map((o) => ({ value: (o as HTMLOptionElement).value, label: o.textContent ?? '' })));
  const option = options.find((o) => o.label.trim() === text) ?? options.find((o) => o.label.includes(text));
  expect(option, `${selector}: ${text} among ${options.map((o) => o.label).join(', ')}`).toBeDefined();
  await b.page.locator(selector).selectOption(option!.value);
}
