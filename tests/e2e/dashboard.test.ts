import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { monthPeriod } from '../../src/bot/period.js';
import { helpRequests, reports } from '../../src/db/schema/index.js';
import { refreshRollups } from '../../src/features/rollups/index.js';
import { noChromium, PHONE, LAPTOP, startBrowserConsole, type BrowserConsole } from '../support/browser.js';
import { signIn } from './steps.js';

/**
 * The dashboard in a real headless browser (issue 15): the charts and the map are drawn (SVG drawn on the server,
 * with the series the figures say), nothing is refused by the CSP, a province leads to its members, a phone gets
 * it all without sideways scrolling. After each test, any console error, failed request or CSP refusal fails it.
 */
describe.skipIf(noChromium !== undefined)('the dashboard in a real browser', () => {
  let b: BrowserConsole;
  beforeAll(async () => {
    b = await startBrowserConsole('dashboard');
    const now = b.h.tb.clock.now();
    // One of the demo branch's four members reported this month.
    await b.h.tb.database.db.insert(reports).values({ memberId: b.h.tb.person('张建国').personId, kind: 'monthly', period: monthPeriod(now, 'Asia/Shanghai'), submittedAt: now });
    // 刘秀英 asked for help with unpaid wages ten days ago, and nobody has solved it yet.
    const asked = new Date(now.getTime() - 10 * 86_400_000);
    await b.h.tb.database.db.insert(helpRequests).values({ memberId: b.h.tb.person('刘秀英').personId, category: 'wages', description: '-', createdAt: asked, updatedAt: asked });
    // The rollup job's run: the page reads this month from it.
    await refreshRollups(b.h.tb.database.db, now, { timezone: 'Asia/Shanghai', reportDueDay: 20 });
    await signIn(b, '王书记');
  }, 90_000);
  afterAll(async () => b?.close());
  afterEach(() => {
    expect(b.takeProblems()).toEqual([]);
  });

  it('draws the month: twelve months of reports, the tiles, every chart visible', { timeout: 60_000 }, async () => {
    await b.open('/console/dashboard');
    // The page is whole when its last chart is there (a loaded machine may take a while).
    await b.page.locator('[data-chart="map"] svg').waitFor({ state: 'visible', timeout: 30_000 });
    expect(await b.page.locator('h1').textContent()).toContain('幸福村党支部 概览');
    const reporting = b.page.locator('[data-chart="reporting"] svg');
    expect(await reporting.isVisible()).toBe(true);
    // The x axis names the twelve months; this month's bar carries its count (1), the others 0.
    const labels = await reporting.locator('text').allTextContents();
    expect(labels.filter((l) => /^\d{1,2}月/.test(l))).toHaveLength(12);
    expect(labels).toEqual(expect.arrayContaining(['报到人数', '报到率', '1']));
    for (const chart of ['reporting', 'overdue', 'lost-found', 'help', 'members', 'map']) {
      const box = await b.page.locator(`[data-chart="${chart}"] svg`).boundingBox();
      expect(box, chart).not.toBeNull();
      expect(box!.width, chart).toBeGreaterThan(200);
      expect(box!.height, chart).toBeGreaterThan(50);
    }
    expect(await b.page.locator('.dash-tile').first().textContent()).toContain('1/4 人（25.0%）');
    expect(await b.page.locator('.dash-as-of').textContent()).toContain('每 15 分钟更新一次');
    // Open help: one request about wages, in the 7–30 days band.
    expect(await b.page.locator('[data-chart="help"] svg text').allTextContents()).toEqual(expect.arrayContaining(['讨要工资', '7–30天']));
    // The pie of who the members are: three mobile of four.
    expect(await b.page.locator('[data-chart="members"] svg text').allTextContents()).toEqual(expect.arrayContaining(['流动党员']));
    await b.shot('dashboard-laptop');
  });

  it('colours the map of China by province, each province a link titled with its place and count', async () => {
    await b.open('/console/dashboard');
    const provinces = b.page.locator('[data-chart="map"] a > path[data-province]');
    expect(await provinces.count()).toBe(34);
    const guangdong = b.page.locator('[data-chart="map"] path[data-province="440000"]');
    expect(await guangdong.getAttribute('data-count')).toBe('2');
    expect(await guangdong.locator('title').textContent()).toBe('广东省：2 人');
    const fills = await provinces.evaluateAll((paths) => Object.fromEntries(paths.map((p) => [p.getAttribute('data-province'), getComputedStyle(p).fill])));
    // Two places have members, and look different from the empty ones and from each other.
    expect(fills['440000']).not.toBe(fills['110000']);
    expect(fills['330000']).not.toBe(fills['110000']);
    expect(fills['440000']).not.toBe(fills['330000']);
    // A phone has no hover: the provinces with members carry their name and count on the map.
    expect(await b.page.locator('[data-chart="map"] svg text').allTextContents()).toEqual(expect.arrayContaining(['广东 2', '浙江 1']));
    const box = await guangdong.boundingBox();
    expect(box!.width).toBeGreaterThan(10);
  });

  it('a click on 广东 opens the members list filtered by that province', async () => {
    await b.open('/console/dashboard');
    await b.page.locator('[data-chart="map"] a:has(path[data-province="440000"])').click();
    await b.page.waitForURL(/\/console\/members\?org=\d+&place=440000$/);
    const rows = await b.page.locator('table').textContent();
    expect(rows).toContain('张建国');
    expect(rows).toContain('陈志强');
    expect(rows).not.toContain('赵小红');
    await b.shot('dashboard-map-click');
  });

  it('fits a phone without sideways scrolling', async () => {
    await b.page.setViewportSize(PHONE);
    await b.open('/console/dashboard');
    expect(await b.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    const map = await b.page.locator('[data-chart="map"] svg').boundingBox();
    expect(map!.width).toBeLessThanOrEqual(PHONE.width);
    await b.shot('dashboard-phone');
    await b.page.setViewportSize(LAPTOP);
  });
});
