import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holidayAnswers, outboxMessages, studyFiles, studyItems, studyReads } from '../../src/db/schema/index.js';
import { runStudyPush } from '../../src/schedules/study.js';
import { loadFacts } from '../../src/bot/facts.js';
import { sendStudyFile } from '../../src/features/study/index.js';
import { itemReaders } from '../../src/features/study/progress.js';
import { incoming, press, queuedFor } from '../support/bot.js';
import type { Browser, ConsoleHarness } from '../support/console.js';
import { auditsSince, downloadName, lastAuditId, sheetsOf, startScopedConsole, type Scopes } from './scoped.js';

let h: ConsoleHarness;
let s: Scopes;
let as: (personId: number) => Promise<Browser>;

beforeAll(async () => {
  ({ h, s, as } = await startScopedConsole());
});
afterAll(async () => h?.close());

const db = () => h.tb.database.db;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const item = (over: Record<string, string> = {}) => ({ org: String(s.branch), title: '根治欠薪政策解读', category: 'policy_law', publishOn: '2026-11-10', occupations: '', body: '讨薪有门路。', link: '', ...over });
const chatOf = (name: string) => s.demo.people.find((p) => p.name === name)!.terminalUserId!;
const idOfRedirect = (location: unknown) => Number(/\/study\/item\/(\d+)/.exec(String(location))?.[1]);

describe('the study library: who sees which page', () => {
  it('a secretary and a county admin see the plan, the form and the make-up list of an organisation in their care', async () => {
    for (const who of [s.staff.secretary, s.staff.admin]) {
      const b = await as(who);
      for (const path of [`/console/study?org=${s.branch}`, `/console/study/new?org=${s.branch}`, `/console/study/makeup?org=${s.branch}`]) {
        const res = await b.get(path);
        expect(res.statusCode, `${path} for ${who}`).toBe(200);
        expect(res.body).toContain('幸福村党支部');
      }
    }
    expect((await (await as(s.staff.secretary)).get('/console/')).body).toContain('href="/console/study"');
  });

  it('speaks English to a person who chose it', async () => {
    const b = await as(s.staff.admin);
    b.cookies.set('ld_lang', 'en');
    const plan = await b.get(`/console/study?org=${s.county}`);
    expect(plan.body).toContain('Distance study plan');
    expect(plan.body).toContain('Add study material');
    expect((await b.get(`/console/study/new?org=${s.county}`)).body).toContain('Science, culture and health');
    b.cookies.delete('ld_lang');
  });

  it('a liaison and a helper are refused the library; another county’s secretary finds none of this branch', async () => {
    for (const who of [s.staff.liaison, s.staff.helper]) {
      const b = await as(who);
      expect((await b.get('/console/')).body).not.toContain('href="/console/study"');
      for (const path of ['/console/study', '/console/study/new', '/console/study/makeup']) expect((await b.get(path)).statusCode, path).toBe(403);
    }
    const other = await as(s.staff.otherSecretary);
    expect((await other.get('/console/study')).statusCode).toBe(200);
    for (const path of [`/console/study?org=${s.branch}`, `/console/study/new?org=${s.branch}`, `/console/study/makeup?org=${s.branch}`, `/console/study/makeup/${s.branch}.xlsx`]) {
      expect((await other.get(path)).statusCode, path).toBe(404);
    }
    const forged = await other.submit('/console/study', item({ title: '别县的人加的' }), '/console/study/new');
    expect(forged.statusCode).toBe(404);
    expect(await db().select().from(studyItems).where(eq(studyItems.title, '别县的人加的'))).toHaveLength(0);
  });
});

describe('adding, changing and retiring study material', () => {
  let itemId = 0;

  it('adds an item with a PDF: stored, audited, and its page shows who it is for', async () => {
    const b = await as(s.staff.secretary);
    const before = await lastAuditId(h);
    const res = await b.upload('/console/study', `/console/study/new?org=${s.branch}`, { field: 'file', name: '欠薪政策.pdf', content: PDF, type: 'application/pdf' }, item());
    expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
    itemId = idOfRedirect(res.headers.location);
    const [stored] = await db().select().from(studyItems).where(eq(studyItems.id, itemId));
    expect(stored).toMatchObject({ orgId: s.branch, category: 'policy_law', title: '根治欠薪政策解读', publishOn: '2026-11-10', createdBy: s.staff.secretary });
    // Moving it to an organisation the secretary does not run is refused like one that is not there.
    const moved = await b.submit(`/console/study/item/${itemId}`, item({ org: String(s.otherBranch), title: '搬走' }), `/console/study/item/${itemId}/edit`);
    expect(moved.statusCode).toBe(404);
    expect(await db().select().from(studyItems).where(eq(studyItems.title, '搬走'))).toHaveLength(0);
    const [file] = await db().select().from(studyFiles).where(eq(studyFiles.itemId, itemId));
    expect(file).toMatchObject({ fileName: '欠薪政策.pdf', mime: 'application/pdf', size: PDF.length });
    expect(file!.data.equals(PDF)).toBe(true);
    const audits = await auditsSince(h, s.staff.secretary, before, 'study.');
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['study.manage', 'study.add']));
    expect(JSON.stringify(audits)).not.toContain('根治欠薪');
    const page = await b.get(`/console/study/item/${itemId}`);
    expect(page.statusCode).toBe(200);
    for (const name of ['张建国', '刘秀英', '陈志强', '赵小红']) expect(page.body).toContain(name);
    expect(page.body).toContain('未学习');
    const download = await b.get(`/console/study/item/${itemId}/file`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['cache-control']).toBe('no-store');
    expect(downloadName(download)).toBe('欠薪政策.pdf');
    expect(download.rawPayload.equals(PDF)).toBe(true);
    expect((await (await as(s.staff.otherSecretary)).get(`/console/study/item/${itemId}/file`)).statusCode).toBe(404);
    expect((await (await as(s.staff.liaison)).get(`/console/study/item/${itemId}`)).statusCode).toBe(404);
  });

  it('refuses bad input with the form as filled in, and stores nothing', async () => {
    const b = await as(s.staff.secretary);
    const cases: [Record<string, string>, string][] = [
      [item({ title: '  ' }), '请填写标题'],
      [item({ title: '错的类别', category: 'gossip' }), '五个类别'],
      [item({ title: '错的日期', publishOn: '2026-13-45' }), '推送日期看不懂'],
      [item({ title: '错的链接', link: 'javascript:alert(1)' }), '不是网址'],
    ];
    for (const [fields, says] of cases) {
      const res = await b.submit('/console/study', fields, `/console/study/new?org=${s.branch}`);
      expect(res.statusCode, says).toBe(400);
      expect(res.body).toContain(says);
      expect(res.body).toContain(`value="${fields.title!.trim() ? fields.title : ''}"`);
    }
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
    const lying = await b.upload('/console/study', `/console/study/new?org=${s.branch}`, { field: 'file', name: '假的.pdf', content: png }, item({ title: '假PDF' }));
    expect(lying.statusCode).toBe(400);
    expect(lying.body).toContain('附件的格式不对');
    const script = await b.upload('/console/study', `/console/study/new?org=${s.branch}`, { field: 'file', name: 'page.html', content: Buffer.from('<script>alert(1)</script>') }, item({ title: '网页' }));
    expect(script.statusCode).toBe(400);
    const big = await b.upload('/console/study', `/console/study/new?org=${s.branch}`, { field: 'file', name: 'big.pdf', content: Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)]) }, item({ title: '太大' }));
    expect(big.statusCode).toBe(400);
    expect(big.body).toContain('附件太大了');
    for (const title of ['错的类别', '错的日期', '错的链接', '假PDF', '网页', '太大']) {
      expect(await db().select().from(studyItems).where(eq(studyItems.title, title)), title).toHaveLength(0);
    }
  });

  it('a county item is in the branch plan as inherited: its secretary reads it but cannot change it', async () => {
    const admin = await as(s.staff.admin);
    const res = await admin.submit('/console/study', item({ org: String(s.county), title: '冬季用电安全', category: 'science_culture_health', publishOn: '2026-12-01', occupations: '快递员' }), `/console/study/new?org=${s.county}`);
    expect(res.statusCode).toBe(303);
    const countyItem = idOfRedirect(res.headers.location);
    const secretary = await as(s.staff.secretary);
    const plan = await secretary.get(`/console/study?org=${s.branch}&year=2026`);
    expect(plan.body).toContain('2026-12');
    expect(plan.body).toContain('上级：示范县委组织部');
    expect(plan.body).toContain('冬季用电安全');
    // For couriers: the branch has one (陈志强), who has not read it yet.
    expect(plan.body).toMatch(/冬季用电安全[\s\S]*?0 \/ 1 人/);
    const page = await secretary.get(`/console/study/item/${countyItem}`);
    expect(page.statusCode).toBe(200);
    // For couriers only: 陈志强 is the branch's courier.
    expect(page.body).toContain('陈志强');
    expect(page.body).not.toContain('张建国');
    expect(page.body).not.toContain(`/console/study/item/${countyItem}/edit`);
    expect((await secretary.get(`/console/study/item/${countyItem}/edit`)).statusCode).toBe(404);
    const edit = await secretary.submit(`/console/study/item/${countyItem}`, item({ title: '改掉县里的' }), `/console/study/item/${countyItem}`);
    expect(edit.statusCode).toBe(404);
    expect((await secretary.submit(`/console/study/item/${countyItem}/retire`, {}, `/console/study/item/${countyItem}`)).statusCode).toBe(404);
    // The county admin narrows the county item's readers to the branch; the list names those who have not read it first.
    const narrowed = await admin.get(`/console/study/item/${countyItem}?org=${s.branch}`);
    expect(narrowed.body).toContain('陈志强');
    expect(narrowed.body).toContain(`<option value="${s.branch}" selected>`);
    const capped = await itemReaders(db(), s.staff.secretary, countyItem, { limit: 0 });
    expect(capped).toEqual({ total: 1, read: 0, rows: [] });
    const [still] = await db().select().from(studyItems).where(eq(studyItems.id, countyItem));
    expect(still).toMatchObject({ title: '冬季用电安全', retiredAt: null });
  });

  it('pushes the item to the branch’s members with 已学习 and file buttons; a read shows on its page and the member’s', async () => {
    const pushed = await runStudyPush(db(), h.tb.clock.now(), h.tb.config);
    expect(pushed.members).toBeGreaterThanOrEqual(3);
    const zhang = chatOf('张建国');
    const notice = (await queuedFor(h.tb.database, zhang)).find((m) => m.text.includes('根治欠薪政策解读'));
    expect(notice?.text).toContain('📎 欠薪政策.pdf');
    expect(notice?.buttons?.flat().map((x) => x.payload)).toEqual([`study:done:${itemId}`, `study:file:${itemId}`]);
    await h.tb.bot.core.handle(incoming(zhang, press(`study:file:${itemId}`)));
    const fileReply = (await queuedFor(h.tb.database, zhang)).at(-1)!;
    expect(fileReply.document?.fileName).toBe('欠薪政策.pdf');
    expect(Buffer.from(fileReply.document!.base64, 'base64').equals(PDF)).toBe(true);
    await h.tb.bot.core.handle(incoming(zhang, press(`study:done:${itemId}`)));
    expect(await db().select().from(studyReads).where(eq(studyReads.itemId, itemId))).toHaveLength(1);
    const b = await as(s.staff.secretary);
    const page = await b.get(`/console/study/item/${itemId}`);
    expect(page.body).toMatch(/study-read">\s*<td[^>]*><a href="\/console\/study\/member\/\d+">张建国/);
    expect(page.body).toContain('已学习 1 人');
    const member = await b.get(`/console/study/member/${s.members.zhang}`);
    expect(member.statusCode).toBe(200);
    expect(member.body).toContain('根治欠薪政策解读');
    expect(member.body).toContain('✅ 已学习');
    expect((await (await as(s.staff.otherSecretary)).get(`/console/study/member/${s.members.zhang}`)).statusCode).toBe(404);
    // A member outside the item's audience (another county) tapping a forwarded button gets nothing.
    const outsider = await loadFacts(db(), s.members.outsider, h.tb.clock.now());
    expect(await sendStudyFile(db(), outsider!, itemId)).toEqual([{ key: 'common-stale-button' }]);
  });

  it('edits the item (a new title), then retires it: waiting notices are cancelled and the plan no longer lists it', async () => {
    const b = await as(s.staff.secretary);
    // The edit form sent without choosing a file (a browser sends an empty, nameless part) keeps the file there is.
    const edit = await b.upload(`/console/study/item/${itemId}`, `/console/study/item/${itemId}/edit`, { field: 'file', name: '', content: Buffer.alloc(0) }, item({ title: '根治欠薪政策解读（修订）' }));
    expect(edit.statusCode).toBe(303);
    const [changed] = await db().select().from(studyItems).where(eq(studyItems.id, itemId));
    expect(changed?.title).toBe('根治欠薪政策解读（修订）');
    // Moving it to an organisation the secretary does not run is refused like one that is not there.
    const moved = await b.submit(`/console/study/item/${itemId}`, item({ org: String(s.otherBranch), title: '搬走' }), `/console/study/item/${itemId}/edit`);
    expect(moved.statusCode).toBe(404);
    expect(await db().select().from(studyItems).where(eq(studyItems.title, '搬走'))).toHaveLength(0);
    const [file] = await db().select().from(studyFiles).where(eq(studyFiles.itemId, itemId));
    expect(file?.data.equals(PDF)).toBe(true);
    const waiting = () => db().select().from(outboxMessages).where(and(like(outboxMessages.idempotencyKey, `study:${itemId}:%`), eq(outboxMessages.status, 'pending')));
    expect((await waiting()).length).toBeGreaterThan(0);
    const retire = await b.submit(`/console/study/item/${itemId}/retire`, {}, `/console/study/item/${itemId}`);
    expect(retire.statusCode).toBe(303);
    expect(await waiting()).toHaveLength(0);
    expect((await b.get(`/console/study?org=${s.branch}&year=2026`)).body).not.toContain('根治欠薪政策解读');
    expect((await b.get(`/console/study/item/${itemId}`)).body).toContain('撤下');
    expect((await b.submit(`/console/study/item/${itemId}/retire`, {}, `/console/study/item/${itemId}`)).statusCode).toBe(404);
    // A retired item is pushed no more.
    expect((await runStudyPush(db(), h.tb.clock.now(), h.tb.config)).members).toBe(0);
  });
});

describe('the make-up list (补课) before the Spring Festival', () => {
  it('lists members with this year’s material not studied, by branch, with their homecoming answer, and exports it', async () => {
    const b = await as(s.staff.secretary);
    const res = await b.submit('/console/study', item({ title: '电商实用技术', category: 'practical_skills', publishOn: '2026-06-01' }), `/console/study/new?org=${s.branch}`);
    expect(res.statusCode).toBe(303);
    const added = idOfRedirect(res.headers.location);
    await db().insert(studyReads).values({ itemId: added, memberId: s.members.liu, readAt: h.tb.clock.now() });
    await db().insert(holidayAnswers).values({ memberId: s.members.zhang, holidayOn: h.tb.config.SPRING_FESTIVAL_DATE, comingHome: true, arriveOn: '2027-01-30', answeredAt: h.tb.clock.now() });
    const page = await b.get(`/console/study/makeup?org=${s.branch}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('幸福村党支部');
    expect(page.body).toContain('电商实用技术');
    expect(page.body).toContain('春节回乡（2027-01-30 到家）');
    expect(page.body).not.toContain('刘秀英');
    expect(page.body).not.toContain('别村党员');
    const xlsx = await b.get(`/console/study/makeup/${s.branch}.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(downloadName(xlsx)).toMatch(/^补课名单-幸福村党支部-/);
    const rows = (await sheetsOf(xlsx)).get('补课名单')!;
    expect(rows[1]).toEqual(['所在支部', '姓名', '党员类别', '未学数', '未学内容', '春节回乡']);
    const zhang = rows.find((r) => r[1] === '张建国');
    expect(zhang).toEqual(['幸福村党支部', '张建国', '流动党员', '1', '电商实用技术', '春节回乡（2027-01-30 到家）']);
    expect(rows.some((r) => r[1] === '刘秀英')).toBe(false);
  });
});
