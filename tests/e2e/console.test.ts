import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LAPTOP, noChromium, PHONE, startBrowserConsole, type BrowserConsole } from '../support/browser.js';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { members, organisations, persons, staffRoles } from '../../src/db/schema/index.js';
import { expectHome, expectRefused, signIn, signOut, switchLanguage } from './steps.js';
import { createBranch, grantLiaison, importRoster, logContact, openRecord } from './journey.js';

/** A one-branch 花名册 as secretaries keep it: a title row above the header, a 制表人 line below. */
const ROSTER = fileURLToPath(new URL('../fixtures/rosters/01-title-and-footer.xlsx', import.meta.url));

/**
 * The console in a real headless browser (issue 14): sign-in through the link the bot sends, the CSP letting
 * every asset of ours load and nothing else, both languages, a laptop and a phone, sign-out. The tests run in
 * order, as one person's session; after each, any console error, failed request or error response fails it.
 */
describe.skipIf(noChromium !== undefined)('the console in a real browser', () => {
  let b: BrowserConsole;
  let link = '';
  beforeAll(async () => {
    b = await startBrowserConsole('console');
  }, 90_000);
  afterAll(async () => b?.close());
  afterEach(() => {
    expect(b.takeProblems()).toEqual([]);
  });

  it('signs 王书记 in through the link the bot sent in the terminal chat, and shows the home page with the name', async () => {
    link = await signIn(b, '王书记', 'signin-button');
    await expectHome(b, '王书记');
    await b.shot('home');
  });

  it("loads the console's own stylesheet and script under its CSP, and nothing else", async () => {
    const res = await b.open('/console/');
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(await b.page.evaluate(() => getComputedStyle(document.querySelector('header.top')!).display)).toBe('flex');
    const assets = await b.page.evaluate(() => performance.getEntriesByType('resource').map((e) => [new URL(e.name).pathname, (e as PerformanceResourceTiming).responseStatus]));
    expect(assets).toEqual(expect.arrayContaining([['/console/assets/console.css', 200], ['/console/assets/console.js', 200]]));
    // The watch itself: an inline script is what the CSP refuses, and the refusal is seen.
    await b.page.addScriptTag({ content: 'document.title = "inline"' }).catch(() => undefined);
    expect(await b.page.title()).not.toBe('inline');
    expect(b.takeProblems().join('\n')).toMatch(/Content Security Policy/);
  });

  it('switches to English and back', async () => {
    await b.open('/console/');
    await switchLanguage(b, 'en');
    expect(await b.page.locator('form.who button').textContent()).toBe('Sign out');
    await b.shot('home-en');
    await switchLanguage(b, 'zh-CN');
    expect(await b.page.locator('form.who button').textContent()).toBe('退出');
  });

  it('fits a 1366×768 laptop and a 390×844 phone without sideways scrolling', async () => {
    for (const [name, size] of [['laptop', LAPTOP], ['phone', PHONE]] as const) {
      await b.page.setViewportSize(size);
      await b.open('/console/');
      await expectHome(b, '王书记');
      expect(await b.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width);
      await b.shot(`home-${name}`);
    }
    await b.page.setViewportSize(LAPTOP);
  });

  describe('the journey of issue 14: a county sets up a branch and its people', () => {
    beforeAll(async () => {
      // 王书记 also administers the county here, as a county's organisation secretary often does.
      const db = b.h.tb.database.db;
      const [county] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, '示范县委组织部'));
      await db.insert(staffRoles).values({ personId: b.h.tb.person('王书记').personId, role: 'org_admin', orgId: county!.id });
    });

    it('creates a branch under the county', async () => {
      await createBranch(b, '示范县委组织部', '光明村党支部');
      await b.shot('journey-branch-created');
    });

    it('grants a liaison for the new branch', async () => {
      await grantLiaison(b, '孙联络员', '13912345678', '光明村党支部');
      await b.shot('journey-liaison-granted');
    });

    it('imports a roster into it: upload, preview, apply', async () => {
      const result = await importRoster(b, '光明村党支部', ROSTER);
      await b.shot('journey-roster-imported');
      const imported = await b.h.tb.database.db
        .select({ name: persons.name }).from(members)
        .innerJoin(persons, eq(persons.id, members.personId)).innerJoin(organisations, eq(organisations.id, members.homeOrgId))
        .where(eq(organisations.name, '光明村党支部'));
      // The fixture's three members, no more (the title row and the 制表人 line are not people), as the page says.
      expect(imported.map((m) => m.name).sort()).toEqual(['孙海波', '周建军', '钱玉兰'].sort());
      expect(result).toContain('新增 3 人');
    });

    it("finds a member in the list by pinyin initials, opens the record, logs a contact and sees it in the timeline", async () => {
      await openRecord(b, 'qyl', '钱玉兰');
      await b.shot('journey-record');
      await logContact(b, '电话联系，在外务工一切正常');
      await b.shot('journey-contact-logged');
    });
  });

  it("shows the year's pages (evaluation, dues, homecoming, jobs, recognition, holidays, activities) without a browser error, on a laptop and a phone", async () => {
    for (const page of ['evaluation', 'dues', 'homecoming', 'jobs', 'recognition', 'holidays', 'activities']) {
      const res = await b.open(`/console/year/${page}`);
      expect(res?.status(), page).toBe(200);
      await b.shot(`year-${page}`);
    }
    await b.page.setViewportSize(PHONE);
    await b.open('/console/year/dues');
    await b.shot('year-dues-phone');
    await b.page.setViewportSize(LAPTOP);
    await b.page.setViewportSize(PHONE);
    await b.open('/console/members');
    expect(await b.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width + 1);
    await b.shot('members-phone');
    await b.page.setViewportSize(LAPTOP);
  });

  it('signs out: the console is refused afterwards, and the spent link does not sign in again', async () => {
    await b.open('/console/');
    await signOut(b);
    await b.shot('signed-out');
    await expectRefused(b, '/console/');
    await b.shot('refused');
    await b.open(link);
    b.expectStatus(link, 403);
    await b.page.getByRole('button', { name: '登录', exact: true }).click();
    await expect.poll(() => b.page.locator('main').textContent()).toContain('已经用过或已过期');
    await b.shot('link-spent');
  });
});
