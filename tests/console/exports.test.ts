import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inviteCodes, members, persons } from '../../src/db/schema/index.js';
import { EXPORT_HEADER } from '../../src/roster/columns.js';
import { membersNamed } from '../../src/console/sections/exports.js';
import type { Browser, ConsoleHarness } from '../support/console.js';
import { addOrg } from '../staff/fixture.js';
import { auditsSince, downloadName, lastAuditId, sheetsOf, startScopedConsole, type Scopes } from './scoped.js';

let h: ConsoleHarness;
let s: Scopes;
let as: (personId: number) => Promise<Browser>;

beforeAll(async () => {
  ({ h, s, as } = await startScopedConsole());
});
afterAll(async () => h?.close());

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const db = () => h.tb.database.db;
const codes = async () => Number((await db().select({ n: sql<number>`count(*)` }).from(inviteCodes))[0]!.n);

describe('exports: the page', () => {
  it('offers managers their organisations’ sheets, and everyone the cards of members in their care', async () => {
    const secretary = await (await as(s.staff.secretary)).get('/console/exports');
    expect(secretary.statusCode).toBe(200);
    expect(secretary.body).toContain(`href="/console/exports/roster/${s.branch}"`);
    expect(secretary.body).toContain(`action="/console/exports/invites/${s.branch}"`);
    expect(secretary.body).not.toContain('别村党支部');
    const admin = await (await as(s.staff.admin)).get(`/console/exports?org=${s.branch}`);
    expect(admin.body).toContain('示范县委组织部');
    expect(admin.body).toContain(`href="/console/exports/stats/${s.branch}"`);
    for (const who of [s.staff.liaison, s.staff.helper]) {
      const page = await (await as(who)).get('/console/exports');
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain('/console/exports/roster/');
      expect(page.body).toContain('name="q"');
    }
    expect((await h.anonymous().get('/console/exports')).statusCode).toBe(401);
  });

  it('finds members by name only within the person’s care, names shown as text', async () => {
    const secretary = await as(s.staff.secretary);
    const found = await secretary.get(`/console/exports?q=${encodeURIComponent('张')}`);
    expect(found.body).toContain(`href="/console/exports/cards/${s.members.zhang}"`);
    const helper = await (await as(s.staff.helper)).get(`/console/exports?q=${encodeURIComponent('张')}`);
    expect(helper.body).not.toContain(`/console/exports/cards/${s.members.zhang}`);
    expect(helper.body).toContain('没有找到');
    const outside = await secretary.get(`/console/exports?q=${encodeURIComponent('别村')}`);
    expect(outside.body).not.toContain(`/console/exports/cards/${s.members.outsider}`);

    const [evil] = await db().insert(persons).values({ name: '<script>alert(1)</script>' }).returning({ id: persons.id });
    await db().insert(members).values({ personId: evil!.id, homeOrgId: s.branch, status: 'mobile' });
    const shown = await secretary.get(`/console/exports?q=${encodeURIComponent('script')}`);
    expect(shown.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(shown.body).not.toContain('<script>alert(1)');
    const cards = await secretary.get(`/console/exports/cards/${evil!.id}`);
    expect(cards.statusCode).toBe(200);
    expect(String(cards.headers['content-disposition'])).not.toMatch(/[<>]/);
    await addOrg(db(), '<script>x</script>小组', 'industry_group', s.branch);
    // A county's search matches names first and asks the rule of each: the same people as the scope's set searched.
    for (const staffId of Object.values(s.staff)) {
      for (const words of ['张', '别村', '刘', 'script']) {
        const bySet = await membersNamed(db(), staffId, words);
        expect(await membersNamed(db(), staffId, words, 0)).toEqual(bySet);
      }
    }
    expect((await membersNamed(db(), s.staff.secretary, '张', 0)).map((m) => m.id)).toContain(s.members.zhang);
    const picker = await secretary.get('/console/exports');
    expect(picker.body).toContain('&lt;script&gt;x&lt;/script&gt;小组');
  });
});

describe('exports: the files', () => {
  it('the roster: the branch’s members in the import layout, with a UTF-8 file name, audited', async () => {
    const before = await lastAuditId(h);
    const res = await (await as(s.staff.secretary)).get(`/console/exports/roster/${s.branch}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="roster\.xlsx"; filename\*=UTF-8''/);
    expect(downloadName(res)).toBe('花名册-幸福村党支部-2026-11-10.xlsx');
    expect(res.headers['cache-control']).toBe('no-store');
    const sheet = (await sheetsOf(res)).get('花名册')!;
    expect(sheet[0]).toEqual([...EXPORT_HEADER]);
    expect(sheet.slice(1).map((r) => r[0])).toEqual(expect.arrayContaining(['张建国', '刘秀英', '陈志强', '赵小红']));
    expect(sheet.slice(1).map((r) => r[0])).not.toContain('别村党员');
    const audits = await auditsSince(h, s.staff.secretary, before, 'roster.export');
    expect(audits.map((a) => a.details)).toEqual([expect.objectContaining({ allowed: true, export: 'roster', via: 'console' })]);
  });

  it('the statistics of an organisation in scope', async () => {
    const res = await (await as(s.staff.admin)).get(`/console/exports/stats/${s.county}`);
    expect(res.statusCode).toBe(200);
    expect(downloadName(res)).toBe('统计表-示范县委组织部-2026-11-10.xlsx');
    const summary = (await sheetsOf(res)).get('汇总')!;
    expect(summary[1]![0]).toBe('单位');
    expect(summary[2]![0]).toBe('示范县委组织部（合计）');
    expect(summary.map((r) => r[0])).toContain('幸福村党支部');
  });

  it('invite codes for members not yet linked: a form with its token, each press new codes', async () => {
    const secretary = await as(s.staff.secretary);
    const before = await codes();
    const res = await secretary.submit(`/console/exports/invites/${s.branch}`, {}, '/console/exports');
    expect(res.statusCode).toBe(200);
    expect(downloadName(res)).toBe('邀请码-幸福村党支部-2026-11-10.xlsx');
    const sheet = (await sheetsOf(res)).get('邀请码')!;
    expect(sheet[0]).toEqual(['姓名', '所在支部', '手机号码', '邀请码', '有效期至']);
    const names = sheet.slice(1).map((r) => r[0]);
    expect(names).toContain('赵小红');
    expect(names).not.toContain('张建国');
    expect(await codes()).toBe(before + names.length);
    // Without the form's token: refused, and no code made.
    const forged = await secretary.post(`/console/exports/invites/${s.branch}`, {});
    expect(forged.statusCode).toBe(403);
    expect(await codes()).toBe(before + names.length);
  });

  it('a member’s two cards, for anyone who stands to the member', async () => {
    const res = await (await as(s.staff.liaison)).get(`/console/exports/cards/${s.members.zhang}`);
    expect(res.statusCode).toBe(200);
    expect(downloadName(res)).toBe('一档双卡-张建国-2026-11-10.xlsx');
    const sheets = await sheetsOf(res);
    expect([...sheets.keys()]).toEqual(['登记卡', '跟踪管理卡']);
    expect(sheets.get('登记卡')!.some((r) => r[1] === '张建国')).toBe(true);
    expect(sheets.get('跟踪管理卡')![0]![0]).toBe('流动党员跟踪管理卡：张建国');
    const helper = await as(s.staff.helper);
    expect((await helper.get(`/console/exports/cards/${s.members.liu}`)).statusCode).toBe(200);
    expect((await helper.get(`/console/exports/cards/${s.members.zhang}`)).statusCode).toBe(404);
  });

  it('out of scope, or not there: the same page that is not there, and the refusal audited', async () => {
    const org = (id: number) => [`/console/exports/roster/${id}`, `/console/exports/stats/${id}`];
    const cells: [number, string, number][] = [
      ...org(s.otherBranch).map((u): [number, string, number] => [s.staff.secretary, u, 404]),
      ...org(s.county).map((u): [number, string, number] => [s.staff.secretary, u, 404]),
      ...org(s.branch).flatMap((u): [number, string, number][] => [[s.staff.liaison, u, 404], [s.staff.helper, u, 404], [s.staff.otherSecretary, u, 404], [s.staff.admin, u, 200]]),
      [s.staff.secretary, `/console/exports/cards/${s.members.outsider}`, 404],
      [s.staff.otherSecretary, `/console/exports/cards/${s.members.zhang}`, 404],
      [s.staff.admin, `/console/exports/cards/${s.members.zhang}`, 200],
      [s.staff.secretary, '/console/exports/cards/999999', 404],
      [s.staff.secretary, '/console/exports/roster/abc', 404],
    ];
    for (const [who, url, status] of cells) expect((await (await as(who)).get(url)).statusCode, `${who} ${url}`).toBe(status);
    for (const who of [s.staff.liaison, s.staff.otherSecretary]) {
      const before = await codes();
      expect((await (await as(who)).submit(`/console/exports/invites/${s.branch}`, {}, '/console/exports')).statusCode).toBe(404);
      expect(await codes()).toBe(before);
    }
    const before = await lastAuditId(h);
    await (await as(s.staff.otherSecretary)).get(`/console/exports/roster/${s.branch}`);
    const refused = await auditsSince(h, s.staff.otherSecretary, before, 'roster.export');
    expect(refused.map((a) => (a.details as { allowed: boolean }).allowed)).toEqual([false]);
    expect((await h.anonymous().get(`/console/exports/roster/${s.branch}`)).statusCode).toBe(401);
    const [member] = await db().select({ name: persons.name }).from(persons).where(eq(persons.id, s.members.outsider));
    expect(member!.name).toBe('别村党员');
  });
});
