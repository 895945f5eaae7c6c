import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthPeriod } from '../../src/bot/period.js';
import { members, organisations, reports, trackingEntries } from '../../src/db/schema/index.js';
import { dashboardFigures, dashboardView } from '../../src/features/dashboard/index.js';
import { rolledFigures } from '../../src/features/dashboard/rolled.js';
import { refreshRollups, rollupRuns } from '../../src/features/rollups/index.js';
import type { Browser, ConsoleHarness } from '../support/console.js';
import { auditsSince, lastAuditId, startScopedConsole, type Scopes } from './scoped.js';

let h: ConsoleHarness;
let s: Scopes;
let as: (personId: number) => Promise<Browser>;
const db = () => h.tb.database.db;
const TZ = 'Asia/Shanghai';

beforeAll(async () => {
  ({ h, s, as } = await startScopedConsole());
  const now = h.tb.clock.now();
  const month = monthPeriod(now, TZ);
  // 张建国 reported this month; 刘秀英 was lost two months ago and found this month; 陈志强's probation ends soon.
  await db().insert(reports).values({ memberId: s.members.zhang, kind: 'monthly', period: month, submittedAt: now });
  const twoMonthsAgo = new Date(now.getTime() - 61 * 86_400_000);
  await db().insert(trackingEntries).values([
    { memberId: s.members.liu, at: twoMonthsAgo, kind: 'status_change', details: { to: 'lost_contact' } },
    { memberId: s.members.liu, at: now, kind: 'status_change', details: { from: 'lost_contact', to: 'laid_off', found: true } },
  ]);
  await db().update(members).set({ probationEndsOn: new Date(now.getTime() + 20 * 86_400_000).toISOString().slice(0, 10) }).where(eq(members.personId, s.members.chen));
  // The rollup job's run: the pages below read this month's figures from it.
  await refreshRollups(db(), now, { timezone: TZ, reportDueDay: 20 });
});
afterAll(async () => h?.close());

/** The SVG shapes of the map's provinces with a count above zero, as "code:count". */
const coloured = (body: string) => [...body.matchAll(/data-province="(\d+)" data-count="([1-9]\d*)"/g)].map((m) => `${m[1]}:${m[2]}`).sort();

describe('the dashboard: who sees which organisation', () => {
  it('a secretary sees their branch: figures, the charts drawn as SVG, the map coloured by province; audited as stats.view', async () => {
    const b = await as(s.staff.secretary);
    const before = await lastAuditId(h);
    const res = await b.get('/console/dashboard');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('幸福村党支部 概览');
    for (const chart of ['reporting', 'overdue', 'lost-found', 'help', 'members', 'map']) {
      expect(res.body, chart).toMatch(new RegExp(`data-chart="${chart}">[\\s\\S]*?<svg [^>]*viewBox`));
    }
    // Four members, one reported: the tile and the bar of this month.
    expect(res.body).toContain('1/4 人（25.0%）');
    // The figures are the rollup's, and the page says when they were computed.
    expect(res.body).toMatch(/以上数字统计于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}，每 15 分钟更新一次/);
    // The demo's members went to 东莞 and 深圳 (广东) and 杭州 (浙江): two provinces coloured, each a link to its list.
    expect(coloured(res.body)).toEqual(['330000:1', '440000:2']);
    expect(res.body).toContain(`href="/console/members?org=${s.branch}&#38;place=440000"`);
    expect(res.body).toContain('<title>广东省：2 人</title>');
    // The CSP forbids inline style: the SVG ECharts makes carries none.
    expect(res.body).not.toMatch(/<style|style="/);
    // Overdue by liaison, with links to the list of that liaison's members not reported.
    expect(res.body).toContain(`liaison=${s.staff.liaison}`);
    expect(res.body).toContain('李联络员</a> 3');
    expect(res.body).toContain(`href="/console/members/${s.members.chen}">陈志强</a>`);
    const [audit] = await auditsSince(h, s.staff.secretary, before, 'stats.view');
    expect(audit).toMatchObject({ targetKind: 'org', targetId: String(s.branch) });
    expect(audit!.details).toMatchObject({ allowed: true, via: 'console', page: 'dashboard' });
  });

  it('a click on a province leads to the members counted there', async () => {
    const b = await as(s.staff.secretary);
    const list = await b.get(`/console/members?org=${s.branch}&place=440000`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('张建国');
    expect(list.body).toContain('陈志强');
    expect(list.body).not.toContain('赵小红');
  });

  it('a county admin drills down from the county through the township to the branch', async () => {
    const b = await as(s.staff.admin);
    const county = await b.get(`/console/dashboard?org=${s.county}`);
    expect(county.statusCode).toBe(200);
    const township = /href="\/console\/dashboard\?org=(\d+)">城关镇党委<\/a>/.exec(county.body);
    expect(township, 'the township is offered').not.toBeNull();
    const down = await b.get(`/console/dashboard?org=${township![1]}`);
    expect(down.statusCode).toBe(200);
    expect(down.body).toContain(`href="/console/dashboard?org=${s.branch}">幸福村党支部</a>`);
    expect(down.body).toContain(`href="/console/dashboard?org=${s.county}"`);
    const branch = await b.get(`/console/dashboard?org=${s.branch}`);
    expect(branch.statusCode).toBe(200);
    expect(coloured(branch.body)).toEqual(['330000:1', '440000:2']);
    // The nav offers the page to those who run an organisation.
    expect(county.body).toContain('href="/console/dashboard"');
  });

  it('outside one\'s scope is not there; a bad number too', async () => {
    const secretary = await as(s.staff.secretary);
    for (const org of [String(s.otherBranch), String(s.county), '0', 'abc', '99999999']) {
      expect((await secretary.get(`/console/dashboard?org=${org}`)).statusCode, org).toBe(404);
    }
    const other = await as(s.staff.otherSecretary);
    expect((await other.get(`/console/dashboard?org=${s.branch}`)).statusCode).toBe(404);
    const own = await other.get('/console/dashboard');
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('别村党支部 概览');
    expect(own.body).not.toContain('张建国');
    expect(coloured(own.body)).toEqual([]);
    expect(own.body).toContain('还没有党员登记外出地点');
  });

  it('liaisons and helpers have no dashboard (they have their members), and no link to one', async () => {
    for (const who of [s.staff.liaison, s.staff.helper, s.staff.inflowLiaison]) {
      const b = await as(who);
      expect((await b.get('/console/dashboard')).statusCode).toBe(403);
      expect((await b.get('/console/')).body).not.toContain('href="/console/dashboard"');
    }
  });

  it('speaks English with place names, never codes', async () => {
    const b = await as(s.staff.admin);
    await b.get('/console/language?to=en');
    const res = await b.get(`/console/dashboard?org=${s.branch}`);
    expect(res.body).toContain('Dashboard: 幸福村党支部');
    expect(res.body).toContain('<title>Guangdong: 2</title>');
    expect(res.body).toMatch(/<text[^>]*>Guangdong 2<\/text>/);
    expect(res.body).toContain('1/4 (25.0%)');
  });
});

describe('the dashboard\'s reads', () => {
  it('count this month and the twelve before, lost and found, help by age, probation due', async () => {
    const [branch] = await db().select().from(organisations).where(eq(organisations.id, s.branch));
    const f = await dashboardFigures(db(), { orgId: s.branch, path: branch!.path }, { now: h.tb.clock.now(), timezone: TZ });
    expect(f.counts).toMatchObject({ members: 4, mobile: 3 });
    expect(f.reporting).toHaveLength(12);
    expect(f.reporting.at(-1)).toMatchObject({ period: monthPeriod(h.tb.clock.now(), TZ), reported: 1, members: 4 });
    expect(f.reporting.slice(0, -1).every((m) => m.reported === 0)).toBe(true);
    expect(f.lostFound.at(-1)).toMatchObject({ found: 1 });
    expect(f.lostFound.filter((m) => m.lost > 0)).toEqual([{ period: monthPeriod(new Date(h.tb.clock.now().getTime() - 61 * 86_400_000), TZ), lost: 1, found: 0 }]);
    expect(f.help.reduce((a, r) => a + r.count, 0)).toBe(3);
    expect(f.help.every((r) => r.category === 'wages' && r.age === 'days2')).toBe(true);
    expect(f.probation.first.map((p) => p.memberId)).toEqual([s.members.chen]);
    expect(f.overdue).toEqual({ total: 3, liaisons: [{ liaisonId: s.staff.liaison, name: '李联络员', count: 3 }] });
  });
});

describe('the dashboard from the rollup', () => {
  const orgScope = async (id: number) => {
    const [org] = await db().select().from(organisations).where(eq(organisations.id, id));
    return { orgId: id, path: org!.path };
  };

  it('shows the same figures as the live reads, for the branch, the township and the county', async () => {
    const period = { now: h.tb.clock.now(), timezone: TZ };
    const [branch] = await db().select().from(organisations).where(eq(organisations.id, s.branch));
    for (const id of [s.branch, branch!.parentId!, s.county, s.otherBranch]) {
      const scope = await orgScope(id);
      const rolled = await rolledFigures(db(), scope, period, TZ);
      expect(rolled, `org ${id} read from the rollup`).toBeDefined();
      const { asOf, ...figures } = rolled!;
      expect(asOf).toEqual(h.tb.clock.now());
      const live = await dashboardFigures(db(), scope, period);
      const byCategoryAge = (x: { category: string; age: string }, y: { category: string; age: string }) => `${x.category}:${x.age}`.localeCompare(`${y.category}:${y.age}`);
      expect({ ...figures, help: [...figures.help].sort(byCategoryAge) }).toEqual({ ...live, help: [...live.help].sort(byCategoryAge) });
    }
  });

  it('counts live while the month has not been computed, and when the asker\'s month is not the rollup\'s', async () => {
    const scope = await orgScope(s.branch);
    const later = { now: new Date(h.tb.clock.now().getTime() + 40 * 86_400_000), timezone: TZ };
    expect((await rollupRuns(db())).map((r) => r.period)).not.toContain(monthPeriod(later.now, TZ));
    expect(await rolledFigures(db(), scope, later, TZ)).toBeUndefined();
    const view = await dashboardView(db(), scope, later, TZ);
    expect(view.asOf).toBeUndefined();
    expect(view).toEqual(await dashboardFigures(db(), scope, later));
    // A calendar where it is already another month than the rollup's: live as well.
    const elsewhere = { now: h.tb.clock.now(), timezone: monthPeriod(h.tb.clock.now(), 'Pacific/Kiritimati') === monthPeriod(h.tb.clock.now(), TZ) ? TZ : 'Pacific/Kiritimati' };
    if (elsewhere.timezone !== TZ) expect(await rolledFigures(db(), scope, elsewhere, TZ)).toBeUndefined();
  });
});
