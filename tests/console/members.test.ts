import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { helpRequests, liaisonAssignments, members, persons, reports } from '../../src/db/schema/index.js';
import { startTestBot } from '../support/bot.js';
import { startConsole, type Browser, type ConsoleHarness } from '../support/console.js';
import { addOrg, addPerson, seedScopes } from '../staff/fixture.js';

/**
 * 党员名单 (/console/members): exactly the members the chat would let each person see, searched by name,
 * pinyin initials or number, filtered, 50 to a page; names and places shown as text and names, never a phone.
 */
let h: ConsoleHarness;
let s: Awaited<ReturnType<typeof seedScopes>>;
/** 孙红星, a member of a second branch of the same township: the county admin's, not the branch secretary's. */
let sun: number;
let redStar: number;
const XSS_BRANCH = '红星村<script>alert(1)</script>党支部';

beforeAll(async () => {
  const tb = await startTestBot({ seed: false });
  s = await seedScopes(tb.database.db, tb.clock.now());
  const [township] = await tb.database.db.execute(sql`select parent_id as id from organisations where name = '幸福村党支部'`).then((r) => (Array.isArray(r) ? r : (r as { rows: { id: number }[] }).rows) as { id: number }[]);
  redStar = (await addOrg(tb.database.db, XSS_BRANCH, 'branch', township!.id)).id;
  // Written as other code might, without initials: the list computes them.
  sun = await addPerson(tb.database.db, '孙红星');
  await tb.database.db.insert(members).values({ personId: sun, homeOrgId: redStar, status: 'resident' });
  h = await startConsole({ tb });
});
afterAll(async () => h?.close());

const listed = (body: string) => [...body.matchAll(/<a href="\/console\/members\/(\d+)">/g)].map((m) => Number(m[1]));
const ids = async (b: Browser, query = '') => {
  const res = await b.get(`/console/members${query ? `?${query}` : ''}`);
  expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
  return listed(res.body).sort((x, y) => x - y);
};
const sorted = (...list: number[]) => [...list].sort((x, y) => x - y);
/** One browser per person: sign-in is rate-limited (10 a minute), as it should be. */
const browsers = new Map<number, Browser>();
const as = async (personId: number) => {
  if (!browsers.has(personId)) browsers.set(personId, await h.signInAs(personId));
  return browsers.get(personId)!;
};
const db = () => h.tb.database.db;

describe('who sees whom', () => {
  it('lists for each role exactly the members the chat lets them see', async () => {
    const m = s.members;
    const demo = sorted(m.zhang, m.liu, m.chen, m.zhao);
    expect(await ids(await as(s.staff.secretary))).toEqual(demo);
    expect(await ids(await as(s.staff.admin))).toEqual(sorted(...demo, sun));
    expect(await ids(await as(s.staff.liaison))).toEqual(demo);
    expect(await ids(await as(s.staff.helper))).toEqual([m.liu]);
    expect(await ids(await as(s.staff.inflowLiaison))).toEqual([m.zhang]);
    expect(await ids(await as(s.staff.otherSecretary))).toEqual([m.outsider]);
  });

  it('never lists a member out of scope, by exact name, pinyin, number, organisation or cursor', async () => {
    const outsiderId = String(s.members.outsider);
    for (const who of [s.staff.secretary, s.staff.liaison, s.staff.helper, s.staff.admin]) {
      const b = await as(who);
      for (const q of ['别村党员', 'bcdy', outsiderId]) {
        const res = await b.get(`/console/members?q=${encodeURIComponent(q)}`);
        expect(listed(res.body)).toEqual([]);
        expect(res.body).toContain('没有符合条件的党员');
      }
      expect(await ids(b, `org=${s.otherBranch}`)).toEqual([]);
      expect(await ids(b, `after=${outsiderId}`)).not.toContain(s.members.outsider);
    }
    const other = await as(s.staff.otherSecretary);
    expect(await ids(other, `q=${encodeURIComponent('张建国')}`)).toEqual([]);
    expect(await ids(other, 'q=zjg')).toEqual([]);
  });

  it('is behind sign-in, and in every staff person’s navigation', async () => {
    expect((await h.anonymous().get('/console/members')).statusCode).toBe(401);
    for (const who of [s.staff.liaison, s.staff.helper, s.staff.secretary]) {
      const home = await (await as(who)).get('/console/');
      expect(home.body).toContain('href="/console/members"');
    }
  });
});

describe('search', () => {
  it('finds by name, part of a name, pinyin initials from the start, and number', async () => {
    const b = await as(s.staff.admin);
    const m = s.members;
    expect(await ids(b, `q=${encodeURIComponent('张建国')}`)).toEqual([m.zhang]);
    expect(await ids(b, `q=${encodeURIComponent('建国')}`)).toEqual([m.zhang]);
    expect(await ids(b, 'q=zjg')).toEqual([m.zhang]);
    expect(await ids(b, 'q=ZJG')).toEqual([m.zhang]);
    expect(await ids(b, 'q=lxy')).toEqual([m.liu]);
    expect(await ids(b, 'q=z')).toEqual(sorted(m.zhang, m.zhao));
    expect(await ids(b, 'q=jg')).toEqual([]);
    expect(await ids(b, `q=${m.chen}`)).toEqual([m.chen]);
    expect(await ids(b, 'q=shx')).toEqual([sun]);
    expect(await ids(b, `q=${encodeURIComponent('%')}`)).toEqual([]);
  });

  it('follows a rename made by code that did not compute the initials', async () => {
    await db().execute(sql`update persons set name = '孙小星' where id = ${sun}`);
    const b = await as(s.staff.admin);
    expect(await ids(b, 'q=shx')).toEqual([]);
    expect(await ids(b, 'q=sxx')).toEqual([sun]);
    await db().execute(sql`update persons set name = '孙红星' where id = ${sun}`);
  });
});

describe('filters', () => {
  it('by organisation: a branch, the township above it, an inflow organisation', async () => {
    const b = await as(s.staff.admin);
    const m = s.members;
    expect(await ids(b, `org=${s.branch}`)).toEqual(sorted(m.zhang, m.liu, m.chen, m.zhao));
    expect(await ids(b, `org=${redStar}`)).toEqual([sun]);
    expect(await ids(b, `org=${s.county}`)).toEqual(sorted(m.zhang, m.liu, m.chen, m.zhao, sun));
    expect(await ids(b, `org=${s.inflow}`)).toEqual([m.zhang]);
  });

  it('by membership status and category, and lost contact keeping the category', async () => {
    const b = await as(s.staff.secretary);
    const m = s.members;
    expect(await ids(b, 'status=probationary')).toEqual([m.chen]);
    expect(await ids(b, 'status=full')).toEqual(sorted(m.zhang, m.liu, m.zhao));
    expect(await ids(b, 'category=laid_off')).toEqual([m.liu]);
    await db().update(members).set({ status: 'lost_contact', categoryWhileLost: 'mobile', lostContactSince: h.tb.clock.now() }).where(eq(members.personId, m.zhao));
    expect(await ids(b, 'category=mobile')).toEqual(sorted(m.zhang, m.chen, m.zhao));
    expect(await ids(b, 'lost=1')).toEqual([m.zhao]);
    expect(await ids(b, 'lost=1&category=laid_off')).toEqual([]);
    const page = await b.get('/console/members?lost=1');
    expect(page.body).toContain('失去联系 (流动党员)');
    expect(await ids(b, 'category=bogus')).toEqual(sorted(m.zhang, m.liu, m.chen, m.zhao));
  });

  it('by this month’s report, in the member’s own month', async () => {
    const b = await as(s.staff.liaison);
    const m = s.members;
    await db().insert(reports).values({ memberId: m.zhang, kind: 'monthly', period: '2026-11', submittedAt: h.tb.clock.now() });
    await db().insert(reports).values({ memberId: m.liu, kind: 'monthly', period: '2026-10', submittedAt: h.tb.clock.now() });
    expect(await ids(b, 'overdue=1')).toEqual(sorted(m.liu, m.chen, m.zhao));
    const page = (await b.get(`/console/members?q=${encodeURIComponent('刘秀英')}`)).body;
    expect(page).toContain('2026年10月');
    expect(page).toContain('本月未报到');
  });

  it('by destination province or city, shown by name and never by code', async () => {
    const b = await as(s.staff.secretary);
    const m = s.members;
    expect(await ids(b, 'place=440000')).toEqual(sorted(m.zhang, m.chen));
    expect(await ids(b, 'place=441900')).toEqual([m.zhang]);
    expect(await ids(b, 'place=440300')).toEqual([m.chen]);
    expect(await ids(b, 'place=330000')).toEqual([m.zhao]);
    expect(await ids(b, 'place=99')).toEqual(sorted(m.zhang, m.liu, m.chen, m.zhao));
    const page = (await b.get('/console/members?place=440000')).body;
    const table = page.slice(page.indexOf('<table'));
    expect(table).toContain('广东省 东莞市');
    expect(table).toContain('广东省 深圳市 南山区');
    expect(table).not.toMatch(/44\d{4}/);
    expect(page).toContain('<option value="440000" selected>');
  });

  it('by liaison (chosen, typed or none) and by open help request', async () => {
    const b = await as(s.staff.secretary);
    const m = s.members;
    expect(await ids(b, `liaison=${s.staff.liaison}`)).toEqual(sorted(m.zhang, m.liu, m.chen, m.zhao));
    await db().delete(liaisonAssignments).where(eq(liaisonAssignments.memberId, m.chen));
    expect(await ids(b, 'liaison=none')).toEqual([m.chen]);
    expect(await ids(b, `liaison=${encodeURIComponent('李联络员')}`)).toEqual(sorted(m.zhang, m.liu, m.zhao));
    expect(await ids(b, 'help=1')).toEqual(sorted(m.zhang, m.liu, m.chen));
    await db().update(helpRequests).set({ status: 'confirmed' }).where(and(eq(helpRequests.memberId, m.chen)));
    expect(await ids(b, 'help=1')).toEqual(sorted(m.zhang, m.liu));
    expect(await ids(b, 'help=1&category=mobile')).toEqual([m.zhang]);
    expect((await b.get('/console/members?help=1')).body).toContain('1 件未办结');
  });
});

describe('what a row shows', () => {
  it('names and organisation names with <script> are shown as text; each name links to the record', async () => {
    const b = await as(s.staff.admin);
    const evil = await addPerson(db(), '<script>alert("x")</script>');
    await db().insert(members).values({ personId: evil, homeOrgId: redStar, status: 'mobile' });
    const page = (await b.get(`/console/members?org=${redStar}`)).body;
    expect(page).not.toContain('<script>alert');
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(page).toContain('红星村&lt;script&gt;alert(1)&lt;/script&gt;党支部');
    expect(page).toContain(`<a href="/console/members/${evil}">`);
    await db().delete(persons).where(eq(persons.id, evil));
  });

  it('never shows a member’s phone (the chat shows staff none), in either language', async () => {
    const phones = (await db().select({ phone: persons.phone }).from(persons)).map((p) => p.phone).filter((p): p is string => Boolean(p));
    expect(phones.length).toBeGreaterThan(0);
    for (const who of [s.staff.liaison, s.staff.helper, s.staff.secretary]) {
      const b = await as(who);
      const zh = (await b.get('/console/members')).body;
      await b.get('/console/language?to=en');
      const en = (await b.get('/console/members')).body;
      expect(en).toContain('Last report');
      await b.get('/console/language?to=zh-CN');
      for (const phone of phones) expect(zh + en).not.toContain(phone);
    }
  });
});

describe('paging', () => {
  it('50 a page in a stable order; links go forwards and back and keep the filters', async () => {
    await db().execute(sql`insert into persons (name) select '测试' || lpad(g::text, 3, '0') from generate_series(1, 120) g`);
    await db().execute(sql`insert into members (person_id, home_org_id, status) select id, ${s.branch}, 'mobile' from persons where name like '测试%'`);
    const b = await as(s.staff.secretary);
    const seen: number[][] = [];
    let url = '/console/members?category=mobile';
    const pages: string[] = [];
    for (;;) {
      const res = await b.get(url);
      pages.push(res.body);
      seen.push(listed(res.body));
      const next = /<a rel="next" href="([^"]+)"/.exec(res.body);
      if (!next) break;
      url = next[1]!.replace(/&amp;/g, '&');
      expect(url).toContain('category=mobile');
    }
    expect(seen.map((p) => p.length)).toEqual([50, 50, 23]);
    const all = seen.flat();
    expect(new Set(all).size).toBe(123);
    expect(pages[2]).toContain('第 3 页');
    // 测试001…测试120 ('cs001'…) come before 陈志强 ('czq'), 张建国 ('zjg'), 赵小红 ('zxh').
    expect(all.slice(-3)).toEqual([s.members.chen, s.members.zhang, s.members.zhao]);
    const prev = /<a rel="prev" href="([^"]+)"/.exec(pages[2]!)![1]!.replace(/&amp;/g, '&');
    expect(prev).toContain('category=mobile');
    expect(listed((await b.get(prev)).body)).toEqual(seen[1]);
    const first = listed((await b.get('/console/members?category=mobile')).body);
    expect(first).toEqual(seen[0]);
    expect(listed((await b.get('/console/members?category=mobile&before=' + seen[1]![0])).body)).toEqual(seen[0]);
  });
});
