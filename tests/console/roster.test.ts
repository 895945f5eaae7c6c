import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { members, persons, rosterImports } from '../../src/db/schema/index.js';
import { homeSection } from '../../src/console/sections/home.js';
import { makeRosterSection } from '../../src/console/sections/roster.js';
import type { Browser, ConsoleHarness } from '../support/console.js';
import { fixture } from '../fixtures/importHelpers.js';
import { auditsSince, downloadName, lastAuditId, sheetsOf, startScopedConsole, uploadWithoutToken, type Scopes } from './scoped.js';

let h: ConsoleHarness;
let s: Scopes;
let as: (personId: number) => Promise<Browser>;
/** Files over 20 KB go to the background runner here, so a test can watch one wait and refresh. */
const INLINE = 20_000;

beforeAll(async () => {
  ({ h, s, as } = await startScopedConsole([homeSection, makeRosterSection({ inlineBytes: INLINE })]));
});
afterAll(async () => h?.close());

const db = () => h.tb.database.db;
const jobOf = async (id: number) => (await db().select().from(rosterImports).where(eq(rosterImports.id, id)))[0]!;
const jobIdOf = (location: unknown) => Number(/\/console\/roster\/(\d+)$/.exec(String(location))![1]);
const upload = (b: Browser, org: number | 'column', name: string, content: Buffer) =>
  b.upload('/console/roster', '/console/roster', { field: 'file', name, content }, { org: String(org) });
const byName = async (name: string) => db().select({ id: persons.id }).from(persons).where(eq(persons.name, name));

describe('roster import: upload, preview, apply', () => {
  it('previews an .xlsx with a change and a conflict, offers the marked copy, and writes only after 确认导入, once', async () => {
    const secretary = await as(s.staff.secretary);
    const form = await secretary.get('/console/roster');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('幸福村党支部');
    expect(form.body).toContain('enctype="multipart/form-data"');

    const res = await upload(secretary, s.branch, '15.xlsx', fixture('15-rename-conflict.xlsx'));
    expect(res.statusCode).toBe(303);
    const id = jobIdOf(res.headers.location);
    const page = await secretary.get(`/console/roster/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('将新增 0 人，更新 1 人');
    expect(page.body).toContain('冲突 1 行（不会导入）');
    expect(page.body).toContain('王桂兰');
    expect(page.body).toContain('这个手机号码登记在 刘秀英 名下');
    expect(page.body).toContain('工作单位 （空） → 某纺织厂');
    expect(page.body).toContain(`action="/console/roster/${id}/apply"`);
    const [liu] = await db().select({ employer: members.employer }).from(members).where(eq(members.personId, s.members.liu));
    expect(liu!.employer).toBeNull();

    const report = await secretary.get(`/console/roster/${id}/report.xlsx`);
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(report.headers['content-disposition']).toContain("filename*=UTF-8''");
    expect(downloadName(report)).toBe('花名册-错误说明.xlsx');
    const rows = [...(await sheetsOf(report)).values()][0]!;
    expect(rows[0]).toEqual(['姓名', '手机号码', '工作单位', '错误说明']);
    expect(rows[1]![0]).toBe('王桂兰');
    expect(rows[1]![3]).toContain('登记在 刘秀英 名下');
    expect(rows[2]![3] ?? '').toBe('');

    const before = await lastAuditId(h);
    const applied = await secretary.submit(`/console/roster/${id}/apply`, {}, `/console/roster/${id}`);
    expect(applied.statusCode).toBe(303);
    const done = await secretary.get(`/console/roster/${id}`);
    expect(done.body).toContain('花名册已导入（幸福村党支部）：新增 0 人，更新 1 人');
    expect(done.body).not.toContain(`/console/roster/${id}/apply`);
    const [after] = await db().select({ employer: members.employer }).from(members).where(eq(members.personId, s.members.liu));
    expect(after!.employer).toBe('某纺织厂');
    expect(await byName('王桂兰')).toEqual([]);

    // A second press (a second tab, a reload of the form) writes nothing more.
    const again = await secretary.submit(`/console/roster/${id}/apply`, {}, `/console/roster/${id}`);
    expect(again.statusCode).toBe(303);
    expect(decodeURIComponent(String(again.headers.location))).toContain('已经处理过了');
    const audits = await auditsSince(h, s.staff.secretary, before, 'roster.import');
    expect(audits.filter((a) => a.action === 'roster.import.apply')).toHaveLength(1);
    expect((await jobOf(id))).toMatchObject({ state: 'done', file: null, platform: null, chatId: null });
  });

  it('reads a GBK .csv, and shows a name holding <script> as text', async () => {
    const secretary = await as(s.staff.secretary);
    const gbk = await upload(secretary, s.branch, 'gbk.csv', fixture('07-gbk.csv'));
    const page = await secretary.get(String(gbk.headers.location));
    expect(page.body).toContain('沈建华');
    expect(page.body).toContain('韩秀梅');
    expect(page.body).toContain('新增 2 人');

    const evil = Buffer.from('姓名,手机号码\n<script>alert(1)</script>,13817170001\n张<b>三,13817170002\n');
    const res = await upload(secretary, s.branch, 'evil.csv', evil);
    const shown = await secretary.get(String(res.headers.location));
    expect(shown.body).not.toContain('<script>alert(1)');
    expect(shown.body).not.toContain('张<b>三');
    expect(shown.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('refuses an old .xls with what to do, and imports by the 所在支部 column row by row', async () => {
    const secretary = await as(s.staff.secretary);
    const xls = await upload(secretary, s.branch, 'old.xls', fixture('12-old-excel.xls'));
    const refused = await secretary.get(String(xls.headers.location));
    expect(refused.body).toContain('另存为');

    const multi = await upload(secretary, 'column', 'multi.xlsx', fixture('18-multi-branch.xlsx'));
    const page = await secretary.get(String(multi.headers.location));
    expect(page.body).toContain('秦一');
    expect(page.body).toContain('这个支部不归您管');
    expect(page.body).toContain('没有这个支部');
    expect(page.body).toContain('没有填所在支部');
  });

  it('a large file waits for the background runner: its page shows progress and refreshes itself', async () => {
    const secretary = await as(s.staff.secretary);
    const lines = Array.from({ length: 1000 }, (_, i) => `大表${i},139${String(i).padStart(8, '0')}`);
    const big = Buffer.from(`姓名,手机号码\n${lines.join('\n')}\n`);
    expect(big.length).toBeGreaterThan(INLINE);
    const res = await upload(secretary, s.branch, 'big.csv', big);
    const id = jobIdOf(res.headers.location);
    const waiting = await secretary.get(`/console/roster/${id}`);
    expect(waiting.headers.refresh).toBe('3');
    expect(waiting.body).toContain('<progress');
    expect(waiting.body).toContain('马上开始检查');
    // Part-way through (as the runner records it between chunks): how far, of how many.
    await db().update(rosterImports).set({ rowsDone: 200, rowsTotal: 1000 }).where(eq(rosterImports.id, id));
    expect((await secretary.get(`/console/roster/${id}`)).body).toContain('已检查 200 行，共 1,000 行');

    await h.tb.bot.rosterImports.drain();
    const preview = await secretary.get(`/console/roster/${id}`);
    expect(preview.headers.refresh).toBeUndefined();
    expect(preview.body).toContain('将新增 1,000 人');
    expect(preview.body).toContain('只列出了前 100 行，共 1,000 行');
    const second = await secretary.get(`/console/roster/${id}?kind=new&page=2`);
    expect(second.body).toContain('大表100');
    expect(second.body).not.toContain('大表99<');

    await secretary.submit(`/console/roster/${id}/apply`, {}, `/console/roster/${id}`);
    const writing = await secretary.get(`/console/roster/${id}`);
    expect(writing.headers.refresh).toBe('3');
    expect(writing.body).toContain('正在导入');
    await h.tb.bot.rosterImports.drain();
    expect((await secretary.get(`/console/roster/${id}`)).body).toContain('新增 1,000 人');
    expect(await byName('大表999')).toHaveLength(1);
  });

  it('cancel forgets the file; the job cannot be applied after', async () => {
    const secretary = await as(s.staff.secretary);
    const res = await upload(secretary, s.branch, 'c.csv', Buffer.from('姓名,手机号码\n取消甲,13819190001\n'));
    const id = jobIdOf(res.headers.location);
    const cancelled = await secretary.submit(`/console/roster/${id}/cancel`, {}, `/console/roster/${id}`);
    expect(decodeURIComponent(String(cancelled.headers.location))).toContain('已取消');
    expect(await jobOf(id)).toMatchObject({ state: 'cancelled', file: null });
    const late = await secretary.submit(`/console/roster/${id}/apply`, {}, '/console/roster');
    expect(decodeURIComponent(String(late.headers.location))).toContain('已经处理过了');
    expect(await byName('取消甲')).toEqual([]);
  });
});

describe('roster import: who may', () => {
  const csv = Buffer.from('姓名,手机号码\n范围甲,13815150001\n');

  it('an organisation admin imports into a branch below; liaisons and helpers get no import', async () => {
    const admin = await as(s.staff.admin);
    expect((await admin.get('/console/roster')).body).toContain('幸福村党支部');
    const res = await upload(admin, s.branch, 'a.csv', csv);
    expect(res.statusCode).toBe(303);
    expect((await admin.get(String(res.headers.location))).body).toContain('范围甲');
    for (const who of [s.staff.liaison, s.staff.helper]) {
      const b = await as(who);
      const page = await b.get('/console/roster');
      expect(page.statusCode).toBe(403);
      expect(page.body).toContain('只有支部书记');
      expect(page.body).not.toContain('href="/console/roster"');
      expect((await upload(b, s.branch, 'a.csv', csv)).statusCode).toBe(403);
    }
  });

  it('an upload for an organisation out of scope is refused, audited, and keeps nothing', async () => {
    const jobsBefore = (await db().select().from(rosterImports)).length;
    const before = await lastAuditId(h);
    const secretary = await as(s.staff.secretary);
    expect((await secretary.get('/console/roster')).body).not.toContain('别村党支部');
    const res = await upload(secretary, s.otherBranch, 'a.csv', csv);
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('不在您的管理范围内');
    const other = await as(s.staff.otherSecretary);
    expect((await upload(other, s.branch, 'a.csv', csv)).statusCode).toBe(404);
    expect((await upload(secretary, 999_999, 'a.csv', csv)).statusCode).toBe(404);
    expect((await db().select().from(rosterImports)).length).toBe(jobsBefore);
    const refused = await auditsSince(h, s.staff.secretary, before, 'roster.import');
    expect(refused.map((a) => (a.details as { allowed: boolean }).allowed)).toEqual([false, false]);
  });

  it('an upload is its uploader’s alone: anyone else, in scope or not, finds no page, no apply, no file', async () => {
    const secretary = await as(s.staff.secretary);
    const res = await upload(secretary, s.branch, 'mine.csv', Buffer.from('姓名,手机号码\n我的甲,13814140001\n我的乙,123\n'));
    const id = jobIdOf(res.headers.location);
    expect((await jobOf(id)).report).not.toBeNull();
    for (const who of [s.staff.admin, s.staff.otherSecretary, s.staff.liaison, s.staff.helper]) {
      const b = await as(who);
      expect((await b.get(`/console/roster/${id}`)).statusCode, `page as ${who}`).toBe(404);
      expect((await b.get(`/console/roster/${id}/report.xlsx`)).statusCode, `report as ${who}`).toBe(404);
      expect((await b.submit(`/console/roster/${id}/apply`, {}, '/console/')).statusCode, `apply as ${who}`).toBe(404);
      expect((await b.submit(`/console/roster/${id}/cancel`, {}, '/console/')).statusCode, `cancel as ${who}`).toBe(404);
    }
    expect((await jobOf(id)).state).toBe('previewed');
    expect((await h.anonymous().get(`/console/roster/${id}`)).statusCode).toBe(401);
    expect((await secretary.get('/console/roster/abc')).statusCode).toBe(404);
  });

  it('forms without their CSRF token are refused and change nothing', async () => {
    const secretary = await as(s.staff.secretary);
    const res = await upload(secretary, s.branch, 'x.csv', Buffer.from('姓名,手机号码\n令牌甲,13816160001\n'));
    const id = jobIdOf(res.headers.location);
    const apply = await secretary.post(`/console/roster/${id}/apply`, {});
    expect(apply.statusCode).toBe(403);
    expect(apply.body).toContain('页面已过期');
    expect((await secretary.post(`/console/roster/${id}/cancel`, {})).statusCode).toBe(403);
    expect((await jobOf(id)).state).toBe('previewed');
    const jobsBefore = (await db().select().from(rosterImports)).length;
    const forged = await uploadWithoutToken(h, secretary, '/console/roster', { org: String(s.branch) }, Buffer.from('姓名\n伪造甲\n'));
    expect(forged.statusCode).toBe(403);
    expect((await db().select().from(rosterImports)).length).toBe(jobsBefore);
  });
});
